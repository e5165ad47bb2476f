using Hebb.Activations;
using Hebb.Data;
using Hebb.Data.Tables;
using Hebb.Inference;
using Hebb.Layers;
using Hebb.Serialization.Onnx;
using Hebb.Tests.Data.Tables;
using Hebb.Training;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Hebb.Tests.Serialization.Onnx;

/// <summary>
/// A model trained on a table, exported with its preprocessing, takes the raw columns in ONNX Runtime and gives what Hebb
/// gives for the same raw rows (<see cref="TableSchema.Encode(IReadOnlyDictionary{string, string}, Span{float})"/>, the
/// predictor, <see cref="TableSchema.Decode"/>): logits and probabilities within 1e-5, the same class names, regression
/// values in the target's units within 1e-5.
/// </summary>
public sealed class OnnxTableExportTests : IDisposable
{
    private const int TestRows = 1000;
    private const float Tolerance = 1e-5f;

    private readonly CsvFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("x,y", "label", MissingPolicy.Error, UnknownPolicy.Error, false)]                  // numbers only
    [InlineData("x,colour,y,size", "label", MissingPolicy.Error, UnknownPolicy.Error, true)]       // numbers and text
    [InlineData("size,y,colour,x", "label", MissingPolicy.Mean, UnknownPolicy.Ignore, true)]       // fills, unseen colours
    [InlineData("x,y", "amount", MissingPolicy.Error, UnknownPolicy.Error, false)]
    [InlineData("x,colour,y,size", "amount", MissingPolicy.Error, UnknownPolicy.Error, false)]
    [InlineData("colour,x,size,y", "amount", MissingPolicy.MostFrequent, UnknownPolicy.Ignore, false)]
    public void OnnxRuntimeOnRawRowsGivesHebbsPredictions(string columns, string target, MissingPolicy missing, UnknownPolicy unknown, bool probabilities)
    {
        bool fills = missing != MissingPolicy.Error;
        var (schema, model) = Train(columns, target, missing, unknown, fills ? 0.1 : 0);
        var test = TableRows.Make(TestRows, seed: 2, missing: fills ? 0.1 : 0, unseen: unknown == UnknownPolicy.Ignore ? 0.1 : 0).Rows;

        var (numbers, texts) = OnnxTableSession.Run(OnnxExport.ToBytes(model, probabilities, schema), schema, test);

        var predictor = model.CreatePredictor(maxBatch: 1);
        var features = new float[schema.FeatureWidth];
        var (logits, softmax) = (new float[predictor.OutputWidth], new float[predictor.OutputWidth]);
        for (int row = 0; row < test.Count; row++)
        {
            schema.Encode(test[row], features);
            predictor.Logits(features, logits);
            string expected = schema.Decode(logits);
            if (schema.Target.Task == LearningTask.Regression)
            {
                float value = numbers[OnnxExport.PredictedName][row];
                Assert.True(Math.Abs(double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture) - value) <= Tolerance,
                    $"row {row}: Hebb {expected}, ONNX Runtime {value}");
                continue;
            }
            int classes = logits.Length;
            AssertClose(logits, numbers[OnnxExport.LogitsName].AsSpan(row * classes, classes), row);
            Assert.Equal(expected, texts[OnnxExport.PredictedName][row]);
            Assert.Equal(Predictor.ClassOf(logits), Predictor.ClassOf(numbers[OnnxExport.LogitsName].AsSpan(row * classes, classes)));
            if (!probabilities) continue;
            predictor.Probabilities(features, softmax);
            AssertClose(softmax, numbers[OnnxExport.ProbabilitiesName].AsSpan(row * classes, classes), row);
        }
        Assert.Equal(OnnxExport.OutputNames(probabilities, schema).Order(), numbers.Keys.Concat(texts.Keys).Order());
    }

    [Fact]
    public void TheGraphTakesEachColumnAsAnInputNamedAsIt()
    {
        var (schema, model) = Train("x,colour,y", "label", MissingPolicy.Error, UnknownPolicy.Error);
        var proto = OnnxExport.ToProto(model, withProbabilities: true, schema);
        var graph = proto.Graph;

        Assert.Equal(["x", "colour", "y"], graph.Input.Select(input => input.Name));
        Assert.Equal([(int)TensorProto.Types.DataType.Float, (int)TensorProto.Types.DataType.String, (int)TensorProto.Types.DataType.Float],
            graph.Input.Select(input => input.Type.TensorType.ElemType));
        Assert.All(graph.Input, input => Assert.Equal(["batch", "1"], input.Type.TensorType.Shape.Dim.Select(dim => dim.DimParam.Length > 0 ? dim.DimParam : dim.DimValue.ToString())));
        Assert.Equal(["table/colour/OneHotEncoder", "table/colour/Flatten", "table/Concat", "table/Sub", "table/Div", "hidden1/Gemm"],
            graph.Node.Take(6).Select(node => node.Name));
        Assert.Equal(["x", "table/colour/encoded", "y"], graph.Node[2].Input);
        // OneHotEncoder's output, which ONNX's shape inference leaves untyped, is declared: float [batch, 1, categories].
        var oneHot = Assert.Single(graph.ValueInfo);
        Assert.Equal(("table/colour/one_hot", (int)TensorProto.Types.DataType.Float), (oneHot.Name, oneHot.Type.TensorType.ElemType));
        Assert.Equal([0L, 1L, 3L], oneHot.Type.TensorType.Shape.Dim.Select(dim => dim.DimValue));
        Assert.Equal(["logits", "probabilities", "predicted"], graph.Output.Select(output => output.Name));
        Assert.Equal(["table/target/ArgMax", "table/target/LabelEncoder"], graph.Node.TakeLast(2).Select(node => node.Name));
        Assert.Equal([("", 13L), ("ai.onnx.ml", 2L)], proto.OpsetImport.Select(opset => (opset.Domain, opset.Version)));
        Assert.Equal(schema.ToJson(), Assert.Single(proto.MetadataProps, entry => entry.Key == TableSchema.Key).Value);
        // The standardization is the training rows' statistics; a one-hot input is left as it is (less 0, over 1).
        var means = OnnxTensors.ToTensor(graph.Initializer.Single(tensor => tensor.Name == "table/means"), "test").Data;
        Assert.Equal([(float)schema.Features[0].Mean, 0f, 0f, 0f, (float)schema.Features[2].Mean], means);
    }

    [Fact]
    public void ANumericOnlyRegressionEndsInTheTargetsUnits()
    {
        var (schema, model) = Train("x,y", "amount", MissingPolicy.Error, UnknownPolicy.Error);
        var graph = OnnxExport.ToProto(model, withProbabilities: false, schema).Graph;
        Assert.Equal(["predicted"], graph.Output.Select(output => output.Name));
        Assert.Equal(["table/target/Mul", "table/target/Add"], graph.Node.TakeLast(2).Select(node => node.Name));
        Assert.DoesNotContain(graph.Node, node => node.Domain.Length > 0);
        // The predictions are amounts (around 5), not standardized values (around 0).
        var rows = TableRows.Make(200, seed: 3).Rows;
        var (numbers, _) = OnnxTableSession.Run(OnnxExport.ToBytes(model, table: schema), schema, rows);
        Assert.InRange(numbers["predicted"].Average(), 4.0, 6.0);
    }

    [Fact]
    public void AnUnseenCategoryFailsTheRunAsHebbRefusesIt()
    {
        var (schema, model) = Train("x,colour", "label", MissingPolicy.Error, UnknownPolicy.Error);
        var rows = new[] { new Dictionary<string, string> { ["x"] = "10", ["colour"] = "purple" } };
        Assert.Throws<ArgumentException>(() => schema.Encode(rows[0], new float[schema.FeatureWidth]));
        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxTableSession.Run(OnnxExport.ToBytes(model, table: schema), schema, rows));
        Assert.Contains("OneHotEncoder", error.Message);
    }

    [Fact]
    public void WhatTheFileCannotRepresentIsAOneLineErrorNamingIt()
    {
        var (regression, model) = Train("x,y", "amount", MissingPolicy.Error, UnknownPolicy.Error);
        var noProbabilities = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model, withProbabilities: true, regression));
        Assert.Equal("ONNX export: the model is a regression of 'amount', which has no probabilities", noProbabilities.Message);

        var clash = TableSchema.Fit(CsvTable.Read(files.Write("clash.csv", "logits,y\n1,a\n2,b\n3,a\n")), new TableOptions { Target = "y" });
        var network = Mlp.Create(1, [4], 2, Activation.Relu, seed: 5);
        var named = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(network, table: clash));
        Assert.StartsWith("ONNX export: column 'logits' is named as a value the exported graph computes", named.Message);
        Assert.DoesNotContain('\n', named.Message);
    }

    [Fact]
    public void ImportRefusesATableModelsExportInOneLine()
    {
        var (schema, model) = Train("x,colour", "label", MissingPolicy.Error, UnknownPolicy.Error);
        var error = Assert.Throws<InvalidFileException>(() => OnnxImport.Load(OnnxExport.ToBytes(model, table: schema), "table.onnx"));
        Assert.StartsWith("table.onnx: metadata_props 'hebb.table': expected a network over one [batch, features] input, found a table model's export", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>A small network trained for a few epochs on 300 rows of <see cref="TableRows"/>.</summary>
    private (TableSchema Schema, Sequential Model) Train(string columns, string target, MissingPolicy missing, UnknownPolicy unknown, double missingShare = 0)
    {
        var table = CsvTable.Read(files.Write($"train-{target}.csv", TableRows.Make(300, seed: 1, missing: missingShare).Csv));
        var schema = TableSchema.Fit(table, new TableOptions { Target = target, Columns = columns.Split(','), Missing = missing, Unknown = unknown });
        var data = schema.Dataset(table);
        var model = Mlp.Create(schema.FeatureWidth, [16, 8], schema.Target.Width, Activation.Tanh, seed: 4);
        model.Fit(data, options: new TrainingOptions { Epochs = 8, BatchSize = 20 });
        return (schema, model);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int row)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"row {row}, output {i}: Hebb {expected[i]}, ONNX Runtime {actual[i]}");
    }
}
