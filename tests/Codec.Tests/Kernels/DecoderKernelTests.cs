using RegionCodec.Decoding;
using RegionCodec.Quantization;
using RegionCodec.Coefficients;
using RegionCodec.Reconstruction;

namespace RegionCodec.Tests.Kernels;

/// <summary>
/// The decoder's SIMD kernels outside Transform/ and Color/ (dequantization, chroma upsampling,
/// neighbour contexts) give exactly what their scalar reference paths give, on random and extreme input.
/// </summary>
public sealed class DecoderKernelTests
{
    [Fact]
    public void DequantizeVectorMatchesScalarIncludingSaturation()
    {
        var random = new Random(11);
        short[] levels = new short[64];
        ushort[] steps = new ushort[64];
        short[] vector = new short[64], scalar = new short[64];
        for (int trial = 0; trial < 20000; trial++)
        {
            bool extreme = trial % 4 == 0;
            for (int i = 0; i < 64; i++)
            {
                levels[i] = (short)(extreme ? random.Next(-32767, 32768) : random.Next(-40, 41));
                steps[i] = (ushort)random.Next(1, 256);
            }

            Dequantizer.DequantizeVector256(levels, steps, vector);
            Dequantizer.DequantizeScalar(levels, steps, scalar);
            Assert.Equal(scalar, vector);
        }

        levels.AsSpan().Fill(32767);
        steps.AsSpan().Fill(255);
        Dequantizer.DequantizeVector256(levels, steps, vector);
        Assert.All(vector, c => Assert.Equal(short.MaxValue, c));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(768)]
    [InlineData(1001)]
    public void ChromaUpsamplingVectorMatchesScalar(int width)
    {
        var random = new Random(width);
        int chromaWidth = (width + 1) / 2, stride = chromaWidth + 7, rows = 9;
        byte[] plane = new byte[stride * rows];
        random.NextBytes(plane);
        var upsampler = new ChromaUpsampler(width);
        for (int y = 0; y < 2 * rows; y++)
        {
            Assert.Equal(upsampler.UpsampleRowScalar(plane, stride, rows, y, 0).ToArray(), upsampler.UpsampleRowVector128(plane, stride, rows, y, 1).ToArray());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(97)]
    [InlineData(2730)]
    public void FusedUpsamplingAndColourRowMatchesTheScalarReference(int width)
    {
        // Random planes, with a third of the rows at the extremes 0 and 255, every row of a 9-chroma-row strip.
        var random = new Random(width);
        int chromaWidth = (width + 1) / 2, stride = chromaWidth + 5, rows = 9;
        byte[] cb = new byte[stride * rows], cr = new byte[stride * rows], luma = new byte[width + 3];
        random.NextBytes(cb);
        random.NextBytes(cr);
        for (int i = 0; i < cb.Length; i++)
        {
            if (i / stride % 3 == 0)
            {
                cb[i] = (byte)(cb[i] < 128 ? 0 : 255);
                cr[i] = (byte)(cr[i] > 100 ? 0 : 255);
            }
        }

        var upsampler = new ChromaUpsampler(width);
        byte[] fused = new byte[3 * width], reference = new byte[3 * width];
        for (int y = 0; y < 2 * rows; y++)
        {
            random.NextBytes(luma);
            upsampler.ConvertRowAvx2(luma, cb, cr, stride, rows, y, fused);
            ReadOnlySpan<byte> upCb = upsampler.UpsampleRowScalar(cb, stride, rows, y, 0);
            ReadOnlySpan<byte> upCr = upsampler.UpsampleRowScalar(cr, stride, rows, y, 1);
            YCbCrToRgb.ConvertScalar(luma.AsSpan(0, width), upCb, upCr, reference);
            Assert.Equal(reference, fused);
        }
    }

    [Fact]
    public void FusedColourConversionIsExactForEveryChromaPair()
    {
        // One chroma row whose columns come in equal pairs: output pixel 4j + 2 then gets exactly (Cb, Cr) pair j,
        // so one output row holds all 65,536 pairs; with random, black and white luma.
        const int Pairs = 65536, width = 4 * Pairs;
        byte[] cb = new byte[2 * Pairs], cr = new byte[2 * Pairs], luma = new byte[width];
        for (int j = 0; j < Pairs; j++)
        {
            cb[2 * j] = cb[(2 * j) + 1] = (byte)j;
            cr[2 * j] = cr[(2 * j) + 1] = (byte)(j >> 8);
        }

        var upsampler = new ChromaUpsampler(width);
        byte[] fused = new byte[3 * width], reference = new byte[3 * width];
        var random = new Random(7);
        foreach (int fill in new[] { -1, 0, 255 })
        {
            if (fill < 0)
            {
                random.NextBytes(luma);
            }
            else
            {
                luma.AsSpan().Fill((byte)fill);
            }

            upsampler.ConvertRowAvx2(luma, cb, cr, cb.Length, 1, 0, fused);
            ReadOnlySpan<byte> upCb = upsampler.UpsampleRowScalar(cb, cb.Length, 1, 0, 0);
            Assert.Equal(255, upCb[(4 * (Pairs - 1)) + 2]);
            ReadOnlySpan<byte> upCr = upsampler.UpsampleRowScalar(cr, cr.Length, 1, 0, 1);
            YCbCrToRgb.ConvertScalar(luma, upCb, upCr, reference);
            Assert.Equal(reference, fused);
        }
    }

    [Fact]
    public void ChromaUpsamplingFollowsTheNineThreeThreeOneRule()
    {
        // 2x2 chroma samples [10 20; 30 40], 3 output columns, 4 output rows (edges replicated).
        byte[] plane = [10, 20, 30, 40];
        var upsampler = new ChromaUpsampler(3);
        Assert.Equal(new byte[] { 10, 13, 18 }, upsampler.UpsampleRowScalar(plane, 2, 2, 0, 0).ToArray());
        Assert.Equal(new byte[] { 15, 18, 23 }, upsampler.UpsampleRowScalar(plane, 2, 2, 1, 0).ToArray());
        Assert.Equal(new byte[] { 25, 28, 33 }, upsampler.UpsampleRowScalar(plane, 2, 2, 2, 0).ToArray());
    }

    [Fact]
    public void NeighbourContextsVectorMatchesScalar()
    {
        var random = new Random(5);
        short[] above = new short[64], left = new short[64], corner = new short[64];
        short[] vectorMagnitude = new short[64], scalarMagnitude = new short[64];
        for (int trial = 0; trial < 6000; trial++)
        {
            int range = trial % 3 == 0 ? 32767 : 6;
            foreach (short[] block in new[] { above, left, corner })
            {
                for (int i = 0; i < 64; i++)
                {
                    block[i] = (short)random.Next(-range, range + 1);
                }
            }

            foreach ((short[] a, short[] l, short[] c) in new[] { (above, left, corner), (above, Array.Empty<short>(), Array.Empty<short>()), (Array.Empty<short>(), left, Array.Empty<short>()) })
            {
                NeighbourContext.ComputeVector128(a, l, c, vectorMagnitude);
                NeighbourContext.ComputeScalar(a, l, c, scalarMagnitude);
                Assert.Equal(scalarMagnitude, vectorMagnitude);
            }
        }
    }
}
