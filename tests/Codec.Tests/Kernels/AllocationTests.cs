using RegionCodec.Entropy;

namespace RegionCodec.Tests.Kernels;

/// <summary>
/// The per-bit and per-block paths allocate nothing in any build configuration. Unoptimized (Debug) code
/// allocates where the optimizing JIT does not (a <c>ReadOnlySpan&lt;ushort&gt;</c> property over constant
/// data allocates a field-handle stub per use), and once per coded bit that broke the fuzz allocation
/// bound in Debug; these tests catch such a path when the suite runs in Debug.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void BitModelUpdateAllocatesNothing()
    {
        BitModel model = BitModel.Initial;
        model.Update(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            model.Update((i / 3) & 1);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void DecodeAllocatesNoMorePerCodedBitThanAnImageSizedAmount()
    {
        // A noisy 512x512 image codes millions of bits; what a decode allocates must not grow with them.
        // The output (786,432 bytes) plus strip buffers and tables stays far below 4 MB in every configuration.
        var random = new Random(82);
        byte[] pixels = new byte[512 * 512 * 3];
        random.NextBytes(pixels);
        byte[] file = RsgEncoder.Encode(pixels, 512, 512, 512 * 3, RsgPixelFormat.Rgb24, new RsgEncoderOptions { Regions = [new RsgRegion(95)] });
        var serial = new RsgDecoderOptions { MaxDegreeOfParallelism = 1 };
        RsgDecoder.Decode(file, serial);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RsgDecoder.Decode(file, serial);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4L << 20, $"decode of {file.Length} bytes allocated {allocated} bytes");
    }
}
