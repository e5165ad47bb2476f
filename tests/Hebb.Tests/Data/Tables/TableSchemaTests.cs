using Hebb.Data;
using Hebb.Data.Tables;

namespace Hebb.Tests.Data.Tables;

public sealed class TableSchemaTests : IDisposable
{
    private readonly CsvFiles files = new();

    public void Dispose() => files.Dispose();

    private Table Read(string text) => CsvTable.Read(files.Write("t.csv", text));

    [Fact]
    public void StandardizesNumbersAndOneHotEncodesTextFittedOnTheTrainingRows()
    {
        var train = Read("x,colour,y\n1,red,a\n3,blue,b\n");
        var schema = TableSchema.Fit(train, new TableOptions { Target = "y" });
        var data = schema.Dataset(train);

        // x: mean 2, population deviation 1; colour: categories blue, red.
        Assert.Equal(3, schema.FeatureWidth);
        Assert.Equal([-1f, 0f, 1f, 1f, 1f, 0f], data.Values);
        Assert.Equal([0, 1], data.LabelArray(0, 2));
        Assert.Equal(["a", "b"], schema.Target.Classes);

        // Another table is encoded with the training statistics, not its own.
        var test = schema.Dataset(Read("x,colour,y\n5,red,b\n"));
        Assert.Equal([3f, 0f, 1f], test.Values);
    }

    [Fact]
    public void InfersTheTaskAndSaysWhy()
    {
        var classes = TableSchema.Fit(Read("x,y\n1,0\n2,1\n3,1\n"), new TableOptions { Target = "y" });
        var quantity = TableSchema.Fit(Read("x,y\n1,0.5\n2,1.5\n3,4\n"), new TableOptions { Target = "y" });

        Assert.Equal(LearningTask.Classification, classes.Target.Task);
        Assert.Contains("2 distinct whole numbers", classes.Target.Reason);
        Assert.Equal(LearningTask.Regression, quantity.Target.Task);
        Assert.Contains("not all whole", quantity.Target.Reason);
        Assert.Equal(2.0, quantity.Target.Mean, 12);
    }

    [Fact]
    public void RegressionTargetsAreStandardizedAndDecodedBack()
    {
        var train = Read("x,y\n1,1\n2,3\n");
        var schema = TableSchema.Fit(train, new TableOptions { Target = "y", Task = LearningTask.Regression });

        Assert.Equal([-1f, 1f], schema.Dataset(train).TargetArray(0, 2));
        Assert.Equal("3", schema.Decode([1f]));
    }

    [Fact]
    public void MissingValuesAreAnErrorUnlessAPolicySaysOtherwise()
    {
        var train = Read("x,c,y\n1,p,a\n,q,b\n3,q,b\n");

        var error = Assert.Throws<InvalidFileException>(() => TableSchema.Fit(train, new TableOptions { Target = "y" }));
        Assert.Contains("line 3, column 'x'", error.Message);

        var dropped = TableSchema.Fit(train, new TableOptions { Target = "y", Missing = MissingPolicy.Drop });
        Assert.Equal(2, dropped.Dataset(train).Count);

        var filled = TableSchema.Fit(train, new TableOptions { Target = "y", Missing = MissingPolicy.Mean });
        Assert.Equal("2", filled.Features[0].Fill);
        Assert.Equal(3, filled.Dataset(train).Count);
    }

    [Fact]
    public void UnknownCategoriesAreAnErrorOrEncodedAsNone()
    {
        var train = Read("c,y\np,a\nq,b\n");
        var strict = TableSchema.Fit(train, new TableOptions { Target = "y" });
        var lenient = strict with { Unknown = UnknownPolicy.Ignore };
        var test = Read("c,y\nr,a\n");

        var error = Assert.Throws<InvalidFileException>(() => strict.Dataset(test));
        Assert.Contains("line 2, column 'c'", error.Message);
        Assert.Equal([0f, 0f], lenient.Dataset(test).Values);
    }

    [Fact]
    public void AnAbsentTargetListsTheColumns()
    {
        var error = Assert.Throws<ArgumentException>(() => TableSchema.Fit(Read("a,b\n1,2\n"), new TableOptions { Target = "z" }));

        Assert.Contains("'z'", error.Message);
        Assert.Contains("a, b", error.Message);
    }

    [Fact]
    public void OneRawRowByColumnNameEncodesAsTheTableDoes()
    {
        var train = Read("x,colour,y\n1,red,a\n3,blue,b\n");
        var schema = TableSchema.Fit(train, new TableOptions { Target = "y" });
        var row = new float[schema.FeatureWidth];

        schema.Encode(new Dictionary<string, string> { ["colour"] = "blue", ["x"] = "3", ["extra"] = "?" }, row);

        Assert.Equal(schema.Dataset(train).Values[3..], row);
        Assert.Throws<ArgumentException>(() => schema.Encode(new Dictionary<string, string> { ["colour"] = "blue" }, row));
    }

    [Fact]
    public void TheSavedSchemaReadsBackAndIsCheckedAgainstTheModel()
    {
        var schema = TableSchema.Fit(Read("x,colour,y\n1,red,a\n3,blue,b\n"), new TableOptions { Target = "y" });
        string json = schema.ToJson();

        var back = TableSchema.FromJson(json, "m.safetensors", inputs: 3, outputs: 2);
        Assert.Equal(json, back.ToJson());

        var wrongWidth = Assert.Throws<InvalidFileException>(() => TableSchema.FromJson(json, "m.safetensors", inputs: 4, outputs: 2));
        Assert.Contains("__metadata__.hebb.table", wrongWidth.Message);
        Assert.Throws<InvalidFileException>(() => TableSchema.FromJson("{", "m.safetensors", 3, 2));
        Assert.Throws<InvalidFileException>(() => TableSchema.FromJson(json.Replace("\"blue\",\"red\"", "\"red\",\"blue\""), "m.safetensors", 3, 2));
    }
}
