using System.Text.Json;
using Hebb.Classics;
using Hebb.Tensors;

namespace Hebb.Tests.Classics;

/// <summary>
/// One of scikit-learn's Perceptron fits in <c>TestData/reference/perceptron.json</c>, made by
/// <c>tools/reference/make_perceptron_reference.py</c> on the float32 values Hebb holds.
/// </summary>
internal sealed record ScikitLearnPerceptron(string Name, JsonElement Case)
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "reference", "perceptron.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<string> CaseNames => Root.GetProperty("cases").EnumerateObject().Select(c => c.Name);

    public static ScikitLearnPerceptron Named(string name) => new(name, Root.GetProperty("cases").GetProperty(name));

    public Tensor Features => Tensor.FromArray(Matrix("features", value => (float)value));
    public int[] Labels => Ints("labels");
    public int[] Classes => Ints("classes");
    public double[,] Coef => Matrix("coef", value => value);
    public double[] Intercept => Case.GetProperty("intercept").EnumerateArray().Select(v => v.GetDouble()).ToArray();
    public int Epochs => Case.GetProperty("n_iter").GetInt32();
    public double[,] DecisionFunction => Matrix("decision_function", value => value);
    public int[] Predictions => Ints("predictions");
    public double Score => Case.GetProperty("score").GetDouble();

    /// <summary>scikit-learn's parameters, as Hebb's options.</summary>
    public PerceptronOptions Options
    {
        get
        {
            var given = Case.GetProperty("options");
            T Given<T>(string name, T fallback, Func<JsonElement, T> read) => given.TryGetProperty(name, out var value) ? read(value) : fallback;
            var defaults = new PerceptronOptions();
            return new PerceptronOptions
            {
                LearningRate = Given("eta0", defaults.LearningRate, value => value.GetDouble()),
                MaxEpochs = Given("max_iter", defaults.MaxEpochs, value => value.GetInt32()),
                Tolerance = Given("tol", defaults.Tolerance, value => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble()),
                EpochsWithoutImprovement = Given("n_iter_no_change", defaults.EpochsWithoutImprovement, value => value.GetInt32()),
                Shuffle = Given("shuffle", defaults.Shuffle, value => value.GetBoolean()),
                Seed = given.GetProperty("random_state").GetUInt32(),
            };
        }
    }

    public override string ToString() => Name;

    private int[] Ints(string name) => Case.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private T[,] Matrix<T>(string name, Func<double, T> convert)
    {
        var rows = Case.GetProperty(name).EnumerateArray().Select(row => row.EnumerateArray().Select(v => convert(v.GetDouble())).ToArray()).ToArray();
        var matrix = new T[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++) matrix[i, j] = rows[i][j];
        return matrix;
    }
}
