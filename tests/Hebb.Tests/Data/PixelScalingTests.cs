using Hebb.Data;

namespace Hebb.Tests.Data;

public sealed class PixelScalingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(256)]
    [InlineData(300)]
    [InlineData(784)]
    public void MatchesTheScalarFormulaExactlyForEveryLengthAndByte(int length)
    {
        var pixels = IdxFiles.Pattern(length);
        var destination = new float[length];

        PixelScaling.ToUnitInterval(pixels, destination);

        for (int i = 0; i < length; i++) Assert.Equal(pixels[i] / 255f, destination[i]);
    }

    [Fact]
    public void CoversEveryByteValueInsideTheVectorisedPart()
    {
        var pixels = Enumerable.Range(0, 256).Select(value => (byte)value).ToArray();
        var destination = new float[256];

        PixelScaling.ToUnitInterval(pixels, destination);

        Assert.Equal(0f, destination[0]);
        Assert.Equal(1f, destination[255]);
        for (int value = 0; value < 256; value++) Assert.Equal(value / 255f, destination[value]);
    }

    [Fact]
    public void ShortDestinationThrows() =>
        Assert.Throws<ArgumentException>(() => PixelScaling.ToUnitInterval(new byte[10], new float[9]));
}
