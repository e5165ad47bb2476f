using Hebb.Tensors;

namespace Hebb.Data;

/// <summary>
/// A training set cut in two: the samples to train on and a validation set held out from them, on which
/// choices such as hyperparameters are scored so that the test set stays unseen until the very end.
/// </summary>
public sealed record ValidationSplit(Dataset Train, Dataset Validation)
{
    /// <summary>
    /// Holds out <paramref name="validationCount"/> samples of <paramref name="data"/> drawn by a shuffle seeded with
    /// <paramref name="seed"/>; the rest, in their original order, are the training part. The same seed gives the same cut.
    /// </summary>
    public static ValidationSplit Carve(Dataset data, int validationCount, ulong seed)
    {
        CheckCount(data.Count, validationCount);
        var order = ShuffledIndices(data.Count, seed);
        return Split(data, order.AsSpan(0, validationCount).ToArray());
    }

    /// <summary>
    /// Holds out a share <paramref name="fraction"/> of <paramref name="data"/>, stratified: each class gives the same
    /// share of its samples (to the nearest sample, the remainders going to the classes with the largest fractions,
    /// so that round(fraction · count) samples are held out in all), drawn by a shuffle seeded with <paramref name="seed"/>;
    /// a regression set, which has no classes, is cut as <see cref="Carve"/> cuts it.
    /// The training part keeps the original order; the same seed gives the same cut.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1), or leaves no sample on a side.</exception>
    public static ValidationSplit Stratified(Dataset data, double fraction, ulong seed) =>
        Split(data, HeldOut(data.Count, data.Task == LearningTask.Regression ? null : data.LabelAt, data.ClassCount, fraction, seed));

    /// <summary>
    /// As <see cref="Stratified(Dataset, double, ulong)"/>, holding out exactly <paramref name="validationCount"/>
    /// samples, each class giving the same share of its samples (what a search scored on a fixed number needs).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count leaves no sample on a side.</exception>
    public static ValidationSplit Stratified(Dataset data, int validationCount, ulong seed) =>
        Split(data, HeldOut(data.Count, data.Task == LearningTask.Regression ? null : data.LabelAt, data.ClassCount, (double)validationCount / data.Count, validationCount, seed));

    /// <summary>
    /// The indices of the samples <see cref="Stratified(Dataset, double, ulong)"/> holds out of <paramref name="count"/>
    /// samples whose classes <paramref name="classOf"/> gives (each below <paramref name="classCount"/>; null: no classes,
    /// a random cut), in the order drawn; what a split of anything indexed (a table's rows) needs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1), or leaves no sample on a side.</exception>
    public static int[] HeldOut(int count, Func<int, int>? classOf, int classCount, double fraction, ulong seed)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), $"the validation fraction must lie strictly between 0 and 1, got {fraction}");
        return HeldOut(count, classOf, classCount, fraction, (int)Math.Round(fraction * count), seed);
    }

    private static int[] HeldOut(int count, Func<int, int>? classOf, int classCount, double fraction, int validationCount, ulong seed)
    {
        CheckCount(count, validationCount);
        var order = ShuffledIndices(count, seed);
        if (classOf is null) return order[..validationCount];
        var byClass = new List<int>[classCount];
        for (int c = 0; c < byClass.Length; c++) byClass[c] = [];
        // Each class's samples in the shuffled order: the first of them are the ones held out.
        foreach (int index in order) byClass[classOf(index)].Add(index);
        var quotas = Quotas(byClass.Select(members => fraction * members.Count).ToArray(), validationCount);
        return byClass.SelectMany((members, c) => members.Take(quotas[c])).ToArray();
    }

    /// <summary>Whole numbers near <paramref name="shares"/> that add up to <paramref name="total"/>: the floors, then one
    /// more for the largest remainders (ties to the lower class).</summary>
    private static int[] Quotas(double[] shares, int total)
    {
        var quotas = shares.Select(share => (int)Math.Floor(share)).ToArray();
        var byRemainder = Enumerable.Range(0, shares.Length).OrderByDescending(c => shares[c] - quotas[c]).ThenBy(c => c);
        foreach (int c in byRemainder.Take(total - quotas.Sum())) quotas[c]++;
        return quotas;
    }

    private static void CheckCount(int count, int validationCount)
    {
        if (validationCount < 1 || validationCount >= count)
            throw new ArgumentOutOfRangeException(nameof(validationCount),
                $"a validation set of {validationCount} samples leaves none or all of the {count} samples to train on");
    }

    private static int[] ShuffledIndices(int count, ulong seed)
    {
        var order = new int[count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        new SeededRandom(seed).Shuffle(order.AsSpan());
        return order;
    }

    /// <summary>The samples at <paramref name="validation"/> held out, the others in their original order.</summary>
    private static ValidationSplit Split(Dataset data, int[] validation)
    {
        var held = new HashSet<int>(validation);
        var train = Enumerable.Range(0, data.Count).Where(index => !held.Contains(index)).ToArray();
        return new ValidationSplit(data.Subset(train), data.Subset(validation));
    }
}
