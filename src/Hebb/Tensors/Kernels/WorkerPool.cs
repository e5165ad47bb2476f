namespace Hebb.Tensors.Kernels;

/// <summary>
/// Long-lived threads that run the parts of a kernel beside the calling thread. Unlike
/// <see cref="Parallel.For(int, int, Action{int})"/> it allocates nothing per call, and its workers spin
/// briefly before sleeping, so the many small products of a training step do not each pay for a
/// wake-up. One job runs at a time; a caller that finds the pool busy runs the work itself as one part. The parts
/// of a job run at the same time, so they may wait for each other.
/// </summary>
internal static class WorkerPool
{
    private static readonly Lock Gate = new();
    private static readonly List<Worker> Workers = [];
    // Not a ManualResetEventSlim: that allocates its lock object the first time a waiter blocks, which would
    // put an allocation into some training step long after the warm-up.
    private static readonly object Finished = new();
    private static int pending;
    private static Exception? failure;

    public static void Run(IPartitionedWork work, int parts)
    {
        if (parts <= 1 || !Gate.TryEnter())
        {
            work.Run(0, 1);
            return;
        }
        try
        {
            while (Workers.Count < parts - 1) Workers.Add(new Worker());
            failure = null;
            Volatile.Write(ref pending, parts - 1);
            for (int part = 1; part < parts; part++) Workers[part - 1].Start(work, part, parts);
            try { work.Run(0, parts); }
            finally { WaitForWorkers(); }
            if (failure is not null) throw new AggregateException("a worker thread of a kernel failed", failure);
        }
        finally
        {
            Gate.Exit();
        }
    }

    private static void WaitForWorkers()
    {
        // Spin first: the parts of one product end within microseconds of each other.
        var spinner = new SpinWait();
        while (Volatile.Read(ref pending) != 0 && spinner.Count < 200) spinner.SpinOnce(sleep1Threshold: -1);
        if (Volatile.Read(ref pending) == 0) return;
        lock (Finished)
            while (Volatile.Read(ref pending) != 0) Monitor.Wait(Finished);
    }

    private static void PartFinished()
    {
        if (Interlocked.Decrement(ref pending) != 0) return;
        lock (Finished) Monitor.PulseAll(Finished);
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim started = new(false, spinCount: 2047);
        private IPartitionedWork? work;
        private int part, parts;

        public Worker()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "Hebb kernel worker" };
            thread.Start();
        }

        public void Start(IPartitionedWork work, int part, int parts)
        {
            this.work = work;
            this.part = part;
            this.parts = parts;
            started.Set();
        }

        private void Loop()
        {
            while (true)
            {
                started.Wait();
                started.Reset();
                try { work!.Run(part, parts); }
                catch (Exception error) { failure = error; }
                work = null;
                PartFinished();
            }
        }
    }
}
