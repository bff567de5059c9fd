using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

public class StreamTests
{
    [Fact]
    public void LoadIdentifyDetectFromNonSeekableStreams()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo);
        using Image<Rgb24> reference = Image.Load<Rgb24>(configuration, file);

        using (Image<Rgb24> loaded = Image.Load<Rgb24>(configuration, new NonSeekableStream(new MemoryStream(file))))
        {
            Assert.Equal(Rgb24Bytes(reference), Rgb24Bytes(loaded));
        }

        using (Image loaded = Image.Load(configuration, new NonSeekableStream(new MemoryStream(file))))
        {
            Assert.IsType<Image<Rgb24>>(loaded);
        }

        IImageInfo info = Image.Identify(configuration, new NonSeekableStream(new MemoryStream(file)))!;
        Assert.Equal(photo.Width, info.Width);
        Assert.Same(RsgFormat.Instance, Image.DetectFormat(configuration, new NonSeekableStream(new MemoryStream(file))));
    }

    [Fact]
    public async Task LoadAsyncAndIdentifyAsyncFromNonSeekableStreams()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo);
        using Image<Rgba32> loaded = await Image.LoadAsync<Rgba32>(configuration, new NonSeekableStream(new MemoryStream(file)));
        AssertPsnr(photo, loaded, 32);
        IImageInfo info = await Image.IdentifyAsync(configuration, new NonSeekableStream(new MemoryStream(file)));
        Assert.Equal(photo.Height, info.Height);
    }

    [Fact]
    public void TheDecoderCalledDirectlyStreamsRowsFromANonSeekableStream()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo);
        using Image<Rgb24> reference = Image.Load<Rgb24>(configuration, file);

        var stream = new NonSeekableStream(new MemoryStream(file));
        using Image<Bgra32> direct = new RsgImageDecoder().Decode<Bgra32>(configuration, stream, default);
        Assert.True(stream.ReadCount > 1);
        Assert.Equal(Rgb24Bytes(reference), Rgb24Bytes(direct));
        Assert.Equal(reference.Metadata.GetRsgMetadata().Labels!.Labels, direct.Metadata.GetRsgMetadata().Labels!.Labels);

        using Image untyped = new RsgImageDecoder().Decode(configuration, new NonSeekableStream(new MemoryStream(file)), default);
        Assert.IsType<Image<Rgb24>>(untyped);

        using Image<L8> camera = Camera(configuration);
        using Image gray = new RsgImageDecoder().Decode(configuration, new NonSeekableStream(new MemoryStream(Encode(camera))), default);
        Assert.IsType<Image<L8>>(gray);
    }

    [Fact]
    public async Task SaveToNonSeekableStreams()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] reference = Encode(photo);

        var sync = new MemoryStream();
        photo.SaveAsRsg(new NonSeekableStream(sync), Encoder());
        Assert.Equal(reference, sync.ToArray());

        var async = new MemoryStream();
        await photo.SaveAsRsgAsync(new NonSeekableStream(async), Encoder());
        Assert.Equal(reference, async.ToArray());
    }

    [Fact]
    public void LoadingFromTheMiddleOfAStreamReadsFromTheCurrentPosition()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] file = Encode(photo);
        var stream = new MemoryStream();
        stream.Write("prefix"u8);
        stream.Write(file);
        stream.Position = 6;
        using Image<Rgb24> loaded = Image.Load<Rgb24>(configuration, stream, out IImageFormat format);
        Assert.Same(RsgFormat.Instance, format);
        Assert.Equal(photo.Size(), loaded.Size());
    }
}
