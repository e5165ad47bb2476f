namespace Hebb.Schedules;

/// <summary>The learning rate of every epoch, as <c>torch.optim.lr_scheduler</c> gives it when stepped once per epoch.</summary>
public interface ILearningRateSchedule
{
    /// <summary>"constant", "step", "exponential", "cosine" or "plateau", as <c>--schedule</c> accepts it.</summary>
    string Name { get; }

    /// <summary>Its settings (warmup, step_size, gamma, t_max, eta_min, factor, patience, …), for the metadata and
    /// for the resume conflict check; keys snake_case as PyTorch names them.</summary>
    IReadOnlyDictionary<string, double> Settings { get; }

    /// <summary>The rate to use during epoch <paramref name="epoch"/> (0-based), as torch.optim.lr_scheduler gives
    /// it after <paramref name="epoch"/> calls of <c>scheduler.step()</c>.</summary>
    float RateFor(int epoch);

    /// <summary>Called once after every epoch with the monitored loss (the validation loss when there is a
    /// validation split, else the training loss); only reduce-on-plateau uses it.</summary>
    void Observe(int epoch, double monitoredLoss);

    /// <summary>A copy of what the rates of later epochs depend on beyond the settings.</summary>
    ScheduleState SaveState();

    /// <summary>Restores a state saved by a schedule of the same kind; throws <see cref="InvalidDataException"/>
    /// naming the value that is missing or out of range.</summary>
    void LoadState(ScheduleState state);
}
