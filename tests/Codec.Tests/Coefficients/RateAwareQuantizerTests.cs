using RegionCodec.Encoding;
using RegionCodec.Quantization;

namespace RegionCodec.Tests.Coefficients;

/// <summary>The rate-aware quantizer's Vector256 path gives the scalar path's levels, on a photograph's blocks.</summary>
public class RateAwareQuantizerTests
{
    [Theory]
    [InlineData(10, RsgQuantizationTables.Tilted)]
    [InlineData(50, RsgQuantizationTables.Tilted)]
    [InlineData(75, RsgQuantizationTables.Tilted)]
    [InlineData(95, RsgQuantizationTables.Tilted)]
    [InlineData(75, RsgQuantizationTables.JpegAnnexK)]
    public void Vector_and_scalar_paths_give_the_same_levels(int quality, RsgQuantizationTables tables)
    {
        TestImage photo = TestImages.Kodim23;
        Span<ushort> steps = stackalloc ushort[64];
        QuantizationTables.Build(quality, chroma: false, tables, steps);
        var quantizer = new RateAwareQuantizer(steps, quality, optimize: true, tables);
        int columns = photo.Width / 8, rows = photo.Height / 8;
        var levels = new short[columns * rows * 64];
        float[] samples = new float[64], coefficients = new float[64];
        short[] vector = new short[64], scalar = new short[64];
        int nonZeroNeighbours = 0;
        for (int by = 0; by < rows; by++)
        {
            for (int bx = 0; bx < columns; bx++)
            {
                for (int k = 0; k < 64; k++)
                {
                    int x = (bx * 8) + (k & 7), y = (by * 8) + (k >> 3);
                    samples[k] = photo.Pixels[(y * photo.Stride) + (x * photo.Bpp) + 1] - 128f; // green as luma stand-in
                }

                ForwardDct.Transform(samples, coefficients);
                ReadOnlySpan<short> above = by > 0 ? levels.AsSpan((((by - 1) * columns) + bx) * 64, 64) : default;
                ReadOnlySpan<short> left = bx > 0 ? levels.AsSpan((((by * columns) + bx - 1) * 64), 64) : default;
                nonZeroNeighbours += !above.IsEmpty && above[1..].ContainsAnyExcept((short)0) ? 1 : 0;
                quantizer.Quantize(coefficients, false, above, left, vector, vector: true);
                quantizer.Quantize(coefficients, false, above, left, scalar, vector: false);
                Assert.Equal(scalar, vector);
                vector.CopyTo(levels.AsSpan(((by * columns) + bx) * 64, 64));
            }
        }

        Assert.True(nonZeroNeighbours > 100); // the neighbour-dependent weights are exercised
    }
}
