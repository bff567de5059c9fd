using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

public class ErrorTests
{
    private static byte[] File()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        return Encode(photo);
    }

    private static RsgFormatException AssertInvalid(Action load)
    {
        var e = Assert.Throws<InvalidImageContentException>(load);
        var inner = Assert.IsType<RsgFormatException>(e.InnerException);
        Assert.Contains(inner.Reason, e.Message);
        return inner;
    }

    [Fact]
    public void AFlippedByteGivesInvalidImageContentExceptionWithTheCodecReason()
    {
        Configuration configuration = NewConfiguration();
        byte[] file = File();
        file[file.Length / 2] ^= 0x40;
        RsgFormatException inner = AssertInvalid(() => Image.Load<Rgba32>(configuration, file));
        Assert.Equal(RsgError.BadCrc, inner.Error);
        AssertInvalid(() => Image.Load(configuration, file));
        AssertInvalid(() => Image.Load<Rgb24>(configuration, new NonSeekableStream(new MemoryStream(file))));
    }

    [Fact]
    public void ACorruptHeaderFailsLoadAndIdentify()
    {
        Configuration configuration = NewConfiguration();
        byte[] file = File();
        file[20] ^= 0xFF; // inside RHDR's data
        AssertInvalid(() => Image.Load<Rgb24>(configuration, file));
        AssertInvalid(() => Image.Identify(configuration, new MemoryStream(file)));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(2000)]
    [InlineData(-1)]
    public void TruncatedFilesGiveInvalidImageContentException(int keep)
    {
        Configuration configuration = NewConfiguration();
        byte[] file = File();
        byte[] cut = file[..(keep < 0 ? file.Length - 1 : keep)];
        RsgFormatException inner = AssertInvalid(() => Image.Load<Rgb24>(configuration, cut));
        Assert.Equal(RsgError.Truncated, inner.Error);
        AssertInvalid(() => Image.Load<Rgb24>(configuration, new NonSeekableStream(new MemoryStream(cut))));
    }

    [Fact]
    public void IdentifyReadsOnlyWhatPrecedesTheFirstStrip()
    {
        Configuration configuration = NewConfiguration();
        byte[] cut = File()[..200]; // header, region table and the first strip's head, no strip data
        IImageInfo info = Image.Identify(configuration, new MemoryStream(cut))!;
        Assert.Equal((512, 512), (info.Width, info.Height));
        AssertInvalid(() => Image.Load<Rgb24>(configuration, cut));
    }

    [Fact]
    public void ContentThatIsNotRsgIsImageSharpsUsualUnknownFormat()
    {
        Configuration configuration = NewConfiguration();
        byte[] noise = new byte[1000];
        new Random(5).NextBytes(noise);
        noise[0] = 0x89; // not a PNG either
        Assert.Throws<UnknownImageFormatException>(() => Image.Load<Rgb24>(configuration, noise));
        Assert.Throws<UnknownImageFormatException>(() => Image.Load(configuration, File()[..7]));
        Assert.Null(Image.Identify(configuration, new MemoryStream(noise)));
    }

    [Fact]
    public void DecoderLimitsAreCheckedBeforeAllocating()
    {
        var configuration = new Configuration(new RsgConfigurationModule(new RsgImageEncoder(), new RsgImageDecoder { MaxPixels = 100_000 }));
        byte[] file = File();
        Assert.Equal(RsgError.LimitExceeded, AssertInvalid(() => Image.Load<Rgb24>(configuration, file)).Error);
        Assert.Equal(RsgError.LimitExceeded, AssertInvalid(() => Image.Identify(configuration, new MemoryStream(file))).Error);
        var narrow = new Configuration(new RsgConfigurationModule(new RsgImageEncoder(), new RsgImageDecoder { MaxWidth = 511 }));
        Assert.Equal(RsgError.LimitExceeded, AssertInvalid(() => Image.Load<Rgb24>(narrow, file)).Error);
    }

    [Fact]
    public void AnAllocationTheAllocatorRefusesIsInvalidContent()
    {
        Configuration configuration = NewConfiguration();
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = 1 });
        byte[] file = File();
        var e = Assert.Throws<InvalidImageContentException>(() => Image.Load<Rgba64>(configuration, file)); // 2 MB of pixels
        Assert.IsType<InvalidMemoryOperationException>(e.InnerException);
    }
}
