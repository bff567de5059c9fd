namespace RegionCodec.Segmentation.Tests;

/// <summary>The vectorised luma row against <see cref="RsgLuma.Of"/> pixel by pixel, for every packed colour layout.</summary>
public class LumaRowTests
{
    [Theory]
    [InlineData(3, 0, 2)] // RGB
    [InlineData(3, 2, 0)] // BGR
    [InlineData(4, 0, 2)] // RGBA
    [InlineData(4, 2, 0)] // BGRA
    public void Vector_rows_equal_the_scalar_formula_at_every_width(int bytesPerPixel, int red, int blue)
    {
        var random = new Random(12345);
        for (int width = 0; width <= 70; width++)
        {
            var row = new byte[width * bytesPerPixel];
            random.NextBytes(row);
            if (width > 2)
            {
                row.AsSpan(0, 3).Fill(255); // the extremes of every channel
                row.AsSpan(row.Length - 3, 3).Clear();
            }

            var actual = new byte[width];
            LumaRow.Convert(row, bytesPerPixel, red, blue, actual);
            for (int x = 0; x < width; x++)
            {
                int i = x * bytesPerPixel;
                Assert.Equal(RsgLuma.Of(row[i + red], row[i + 1], row[i + blue]), actual[x]);
            }
        }
    }

    [Fact]
    public void Extract_of_a_photograph_equals_the_per_pixel_formula()
    {
        var (rgb, width, height) = TestImages.Load("kodim23");
        byte[] luma = RsgLuma.Extract(rgb, width, height, width * 3, RsgPixelFormat.Rgb24);
        for (int p = 0; p < width * height; p++)
        {
            Assert.Equal(RsgLuma.Of(rgb[3 * p], rgb[(3 * p) + 1], rgb[(3 * p) + 2]), luma[p]);
        }
    }
}
