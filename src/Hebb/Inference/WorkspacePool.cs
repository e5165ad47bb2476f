namespace Hebb.Inference;

/// <summary>
/// The workspaces of a <see cref="Predictor"/> not in use, in a fixed row of slots taken and given back with one
/// atomic exchange each: concurrent calls never share a workspace, and once there are as many as calls at once
/// no call allocates. A call that finds every slot empty makes a new workspace; one given back to a full row is
/// left to the garbage collector.
/// </summary>
internal sealed class WorkspacePool
{
    private readonly PredictorWorkspace?[] slots;
    private readonly Func<PredictorWorkspace> create;

    public WorkspacePool(Func<PredictorWorkspace> create, int slotCount)
    {
        this.create = create;
        slots = new PredictorWorkspace?[slotCount];
        slots[0] = create();
    }

    public PredictorWorkspace Rent()
    {
        for (int i = 0; i < slots.Length; i++)
            if (Interlocked.Exchange(ref slots[i], null) is { } workspace) return workspace;
        return create();
    }

    public void Return(PredictorWorkspace workspace)
    {
        for (int i = 0; i < slots.Length; i++)
            if (Interlocked.CompareExchange(ref slots[i], workspace, null) is null) return;
    }
}
