using System.Security.Cryptography;
using Hebb.Data;

namespace Hebb.Tests.Data;

public class IrisDataTests
{
    [Fact]
    public void TheBuiltInSetHoldsFishersFlowers()
    {
        var iris = IrisData.Load();

        Assert.Equal([150, 4], iris.Features.Shape);
        Assert.Equal(150, iris.Count);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal([50, 50, 50], iris.Labels.GroupBy(label => label).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Features.Data[..4]);
        Assert.Equal([5.9f, 3.0f, 5.1f, 1.8f], iris.Features.Data[^4..]);
        Assert.Equal(2, iris.Labels[^1]);
        Assert.Equal(["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"], IrisData.FeatureNames);
    }

    [Fact]
    public void ColumnsTakesTheNotesPetalColumns()
    {
        var iris = IrisData.Load();

        var petals = iris.Columns(2, 3);

        Assert.Equal([150, 2], petals.Shape);
        Assert.Equal([1.4f, 0.2f], petals.Data[..2]);
        Assert.Equal([5.1f, 1.8f], petals.Data[^2..]);
        Assert.Throws<ArgumentOutOfRangeException>(() => iris.Columns(4));
    }

    [Fact]
    public void AttributionNamesTheSourceLicenceAndChecksumOfTheEmbeddedFile()
    {
        var attribution = IrisData.Attribution;
        using var csv = EmbeddedResource.Open(IrisData.CsvResource);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(csv));

        Assert.Contains("Fisher, 1936", attribution);
        Assert.Contains("UCI Machine Learning", attribution);
        Assert.Contains("CC BY 4.0", attribution);
        Assert.Contains("scikit-learn", attribution);
        Assert.Contains("shipped inside Hebb", attribution);
        Assert.Contains(checksum, attribution);
    }

    [Theory]
    [InlineData("150,4,setosa,versicolor,virginica\n5.1,3.5,x,0.2,0\n", "line 2, field 3 (petal length (cm)): expected a number, found 'x'")]
    [InlineData("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n5.1,3.5,1.4,NaN,0\n", "line 3, field 4 (petal width (cm)): expected a number, found 'NaN'")]
    [InlineData("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2\n", "line 2: expected 5 comma-separated fields (4 measurements and a class), found 4")]
    [InlineData("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,3\n", "line 2, field 5 (class): expected a class index from 0 to 2, found '3'")]
    [InlineData("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,-1\n", "line 2, field 5 (class): expected a class index from 0 to 2, found '-1'")]
    [InlineData("2,4,setosa,versicolor\n5.1,3.5,1.4,0.2,0\n", "end of file (after line 2): expected 2 samples as the header says, found 1")]
    [InlineData("1,4,setosa,versicolor\n5.1,3.5,1.4,0.2,0\n5.1,3.5,1.4,0.2,1\n", "line 3: expected 1 samples as the header says, found more")]
    [InlineData("150,3,setosa,versicolor,virginica\n", "line 1 (header), field 2 (features): expected 4, found '3'")]
    [InlineData("sepal_length,sepal_width,petal_length,petal_width,class\n", "line 1 (header): expected 'samples,features,class names...'")]
    [InlineData("", "line 1 (header): expected 'samples,features,class names...'")]
    public void ABadFileFailsNamingTheLineAndField(string text, string expected)
    {
        var error = Assert.Throws<InvalidFileException>(() => IrisData.Parse(new StringReader(text), "iris.csv"));

        Assert.StartsWith("iris.csv: ", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
