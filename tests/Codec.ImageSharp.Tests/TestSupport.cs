using System.Buffers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using RegionCodec.Metrics;

namespace RegionCodec.ImageSharp.Tests;

internal static class TestSupport
{
    public static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    /// <summary>A configuration of its own (2.1's Clone() would share the format manager with Default).</summary>
    public static Configuration NewConfiguration(int? maxDegreeOfParallelism = null)
    {
        var configuration = new Configuration(new PngConfigurationModule(), new RsgConfigurationModule());
        if (maxDegreeOfParallelism is { } degree)
        {
            configuration.MaxDegreeOfParallelism = degree;
        }

        return configuration;
    }

    /// <summary>The astronaut photograph (512x512 RGB).</summary>
    public static Image<Rgb24> Astronaut(Configuration configuration) => Image.Load<Rgb24>(configuration, DataPath("astronaut.png"));

    /// <summary>A 256x256 RGBA cut-out of Kodak 23 with a feathered alpha edge (../Codec.Tests/TestData/SOURCES.md).</summary>
    public static Image<Rgba32> Cutout(Configuration configuration) => Image.Load<Rgba32>(configuration, DataPath("kodim23-cutout.png"));

    /// <summary>The cameraman photograph (512x512 gray).</summary>
    public static Image<L8> Camera(Configuration configuration) => Image.Load<L8>(configuration, DataPath("camera.png"));

    /// <summary>
    /// One region at <paramref name="quality"/> (no segmenter, so these tests do not depend on its
    /// tuning), in small strips so files have several (exercising the parallel decode).
    /// </summary>
    public static RsgImageEncoder Encoder(int quality = 90) => new() { Quality = quality, StripHeight = 64, Segmenter = null };

    public static byte[] Encode(Image image, RsgImageEncoder? encoder = null)
    {
        using var stream = new MemoryStream();
        image.SaveAsRsg(stream, encoder ?? Encoder());
        return stream.ToArray();
    }

    public static byte[] Rgb24Bytes(Image image)
    {
        using Image<Rgb24> rgb = image.CloneAs<Rgb24>();
        byte[] bytes = new byte[rgb.Width * rgb.Height * 3];
        rgb.CopyPixelDataTo(bytes);
        return bytes;
    }

    public static void AssertPsnr(Image expected, Image actual, double atLeast)
    {
        double psnr = Psnr(expected, actual);
        Assert.True(psnr >= atLeast, $"PSNR {psnr:F2} dB, expected at least {atLeast} dB");
    }

    public static double Psnr(Image a, Image b)
    {
        Assert.Equal(a.Size(), b.Size());
        return ImageMetrics.PsnrRgb(Rgb24Bytes(a), Rgb24Bytes(b));
    }
}

/// <summary>A read-only stream that cannot seek or report its length, like a network response body.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public int ReadCount { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ReadCount++;
        return inner.Read(buffer, offset, Math.Min(count, 1000));
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>A seekable stream that cancels a token once its last byte has been read.</summary>
internal sealed class CancelAtEndStream(byte[] data, CancellationTokenSource cts) : MemoryStream(data)
{
    // MemoryStream.Read(Span) of a derived type goes through this overload.
    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = base.Read(buffer, offset, count);
        if (Position == Length)
        {
            cts.Cancel();
        }

        return read;
    }
}

/// <summary>Counts what goes through it; its small buffer capacity makes large images discontiguous.</summary>
internal sealed class CountingAllocator : MemoryAllocator
{
    private readonly MemoryAllocator _inner = MemoryAllocator.Create();
    private long _bytes;

    public long BytesAllocated => Interlocked.Read(ref _bytes);

    public override IMemoryOwner<T> Allocate<T>(int length, AllocationOptions options = AllocationOptions.None)
    {
        Interlocked.Add(ref _bytes, (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return _inner.Allocate<T>(length, options);
    }

    protected override int GetBufferCapacityInBytes() => 64 * 1024;
}
