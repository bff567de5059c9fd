using System.Buffers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>
/// The plugin writes rows straight into the image when the pixel type has the file's layout and the rows lie
/// evenly in one of the image's buffers, else converts or copies them; either way every pixel equals the codec's
/// own decode.
/// </summary>
public class DirectDecodeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RgbRowsGoStraightIntoTheImageExactly(int threads)
    {
        Configuration configuration = NewConfiguration(threads);
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo, Encoder(quality: 70));
        byte[] expected = RsgDecoder.Decode(file).Pixels;
        using Image<Rgb24> direct = Image.Load<Rgb24>(configuration, file);
        Assert.Equal(expected, Bytes(direct, 3));

        // A pixel type the decoder converts into (Rgba32 from an RGB file) is exact too, and a decoded image
        // takes ImageSharp's cloning processors.
        using Image<Rgba32> converted = Image.Load<Rgba32>(configuration, file);
        using Image<Rgb24> back = converted.CloneAs<Rgb24>(configuration);
        Assert.Equal(expected, Bytes(back, 3));
        direct.Mutate(c => c.Resize(100, 80));
        Assert.Equal(new Size(100, 80), direct.Size());
    }

    [Fact]
    public void SplitImageBuffersTakeRowsInPlaceOrByCopy()
    {
        // 64 KB buffers hold 42 rows of 1536 bytes: strips of 64 rows often cross a split and are copied, the others
        // are written in place; the image is the constructor's (cleared, split) one.
        var allocator = new GarbageAllocator(capacity: 64 * 1024);
        Configuration configuration = NewConfiguration();
        configuration.MemoryAllocator = allocator;
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo, Encoder(quality: 70));
        using Image<Rgb24> decoded = Image.Load<Rgb24>(configuration, file);
        Assert.False(decoded.DangerousTryGetSinglePixelMemory(out _));
        Assert.Equal(RsgDecoder.Decode(file).Pixels, Bytes(decoded, 3));
    }

    [Fact]
    public void GrayAndAlphaFilesDecodeInPlaceExactly()
    {
        var allocator = new GarbageAllocator(capacity: 4 << 20);
        Configuration configuration = NewConfiguration();
        configuration.MemoryAllocator = allocator;
        using Image<L8> camera = Camera(configuration);
        byte[] gray = Encode(camera, Encoder(quality: 60));
        using Image<L8> grayDecoded = Image.Load<L8>(configuration, gray);
        Assert.Equal(RsgDecoder.Decode(gray).Pixels, Bytes(grayDecoded, 1));

        using Image<Rgba32> cutout = Cutout(configuration);
        byte[] alpha = Encode(cutout, Encoder(quality: 60));
        using Image<Rgba32> alphaDecoded = Image.Load<Rgba32>(configuration, alpha);
        Assert.Equal(RsgDecoder.Decode(alpha).Pixels, Bytes(alphaDecoded, 4));
    }

    [Fact]
    public void AStreamCutInsideItsFirstStripAllocatesNoImage()
    {
        // Read directly from a non-seekable stream, the decoder takes strips as they arrive; the image is allocated
        // when the first strip has been decoded, so a stream cut inside that strip costs no image-sized allocation.
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo, Encoder(quality: 70));
        RsgChunk firstStrip = default;
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            if (chunk.TypeText == "STRP")
            {
                firstStrip = chunk;
                break;
            }
        }

        byte[] cut = file[..(int)(firstStrip.DataOffset + (firstStrip.Length / 2))];

        var allocator = new GarbageAllocator(capacity: 4 << 20);
        configuration.MemoryAllocator = allocator;
        Assert.Throws<InvalidImageContentException>(() =>
            new RsgImageDecoder().Decode<Rgb24>(configuration, new NonSeekableStream(new MemoryStream(cut)), default));
        Assert.DoesNotContain(allocator.Allocations, a => a.Bytes >= 512 * 512);

        // The whole stream decodes, exactly, through the same path.
        using Image<Rgb24> whole = new RsgImageDecoder().Decode<Rgb24>(configuration, new NonSeekableStream(new MemoryStream(file)), default);
        Assert.Equal(RsgDecoder.Decode(file).Pixels, Bytes(whole, 3));
    }

    private static byte[] Bytes<TPixel>(Image<TPixel> image, int bytesPerPixel)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        byte[] bytes = new byte[image.Width * image.Height * bytesPerPixel];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }

    /// <summary>Fills every uncleared buffer with 0xCD (as recycled memory might hold) and records each request; its buffer size is <c>capacity</c>.</summary>
    private sealed class GarbageAllocator(int capacity) : MemoryAllocator
    {
        private readonly MemoryAllocator _inner = MemoryAllocator.Create();

        public List<(long Bytes, AllocationOptions Options)> Allocations { get; } = [];

        public override IMemoryOwner<T> Allocate<T>(int length, AllocationOptions options = AllocationOptions.None)
        {
            lock (Allocations)
            {
                Allocations.Add(((long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), options));
            }

            IMemoryOwner<T> owner = _inner.Allocate<T>(length, options);
            if (options == AllocationOptions.None)
            {
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(owner.Memory.Span).Fill(0xCD);
            }

            return owner;
        }

        protected override int GetBufferCapacityInBytes() => capacity;
    }
}
