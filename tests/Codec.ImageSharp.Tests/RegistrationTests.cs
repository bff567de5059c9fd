using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>What an app gets after the one-line registration on <see cref="Configuration.Default"/>.</summary>
public sealed class DefaultConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsg-default-").FullName;

    public DefaultConfigurationTests() => Configuration.Default.AddRsg();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveByExtensionThenLoadIdentifyDetectFormatByPath()
    {
        string png = DataPath("astronaut.png"), rsg = Path.Combine(_dir, "x.rsg");
        using (Image image = Image.Load(png))
        {
            image.Mutate(x => x.Resize(256, 256));
            image.Save(rsg);
        }

        Assert.Same(RsgFormat.Instance, Image.DetectFormat(rsg));
        IImageInfo info = Image.Identify(rsg, out IImageFormat format);
        Assert.Same(RsgFormat.Instance, format);
        Assert.Equal((256, 256, 24), (info.Width, info.Height, info.PixelType.BitsPerPixel));

        using Image loaded = Image.Load(rsg);
        Assert.Equal(new Size(256, 256), loaded.Size());
        using Image<Rgba32> typed = Image.Load<Rgba32>(File.OpenRead(rsg));
        Assert.Equal(new Size(256, 256), typed.Size());
    }

    [Fact]
    public async Task AsyncVariants()
    {
        string rsg = Path.Combine(_dir, "async.rsg");
        using (Image<Rgb24> image = await Image.LoadAsync<Rgb24>(DataPath("astronaut.png")))
        {
            await image.SaveAsync(rsg);
        }

        Assert.Same(RsgFormat.Instance, await Image.DetectFormatAsync(File.OpenRead(rsg)));
        IImageInfo info = await Image.IdentifyAsync(rsg);
        Assert.Equal(512, info.Width);
        using Image loaded = await Image.LoadAsync(rsg);
        Assert.Equal(512, loaded.Height);

        await using var stream = new MemoryStream();
        await loaded.SaveAsRsgAsync(stream);
        stream.Position = 0;
        (Image again, IImageFormat format) = await Image.LoadWithFormatAsync(stream);
        using (again)
        {
            Assert.Same(RsgFormat.Instance, format);
        }
    }

    [Fact]
    public void RegisteringTwiceIsHarmless()
    {
        Configuration.Default.AddRsg().AddRsg();
        Assert.Same(RsgFormat.Instance, Configuration.Default.ImageFormatsManager.FindFormatByFileExtension(".rsg"));
    }
}

public class RegistrationTests
{
    [Fact]
    public void FormatNamesMimeTypeAndExtension()
    {
        Configuration configuration = NewConfiguration();
        ImageFormatManager formats = configuration.ImageFormatsManager;
        Assert.Same(RsgFormat.Instance, formats.FindFormatByFileExtension("rsg"));
        Assert.Same(RsgFormat.Instance, formats.FindFormatByFileExtension(".RSG"));
        Assert.Same(RsgFormat.Instance, formats.FindFormatByMimeType("image/x-rsg"));
        Assert.Equal("RSG", RsgFormat.Instance.Name);
        Assert.IsType<RsgImageDecoder>(formats.FindDecoder(RsgFormat.Instance));
        Assert.IsType<RsgImageEncoder>(formats.FindEncoder(RsgFormat.Instance));
    }

    [Fact]
    public void DetectFormatTellsRsgFromPngAndFromNoise()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgb24> photo = Astronaut(configuration);
        byte[] rsg = Encode(photo);
        using var png = new MemoryStream();
        photo.SaveAsPng(png);

        Assert.Same(RsgFormat.Instance, Image.DetectFormat(configuration, rsg));
        Assert.Same(PngFormat.Instance, Image.DetectFormat(configuration, png.ToArray()));
        Assert.Null(Image.DetectFormat(configuration, new byte[64]));
        Assert.Null(Image.DetectFormat(configuration, rsg.AsSpan(0, 5)));
    }

    [Fact]
    public void AConfigurationWithoutTheModuleDoesNotKnowRsg()
    {
        var plain = new Configuration(new PngConfigurationModule());
        using Image<Rgb24> photo = Astronaut(plain);
        byte[] rsg = Encode(photo); // SaveAsRsg works without registration
        Assert.Throws<UnknownImageFormatException>(() => Image.Load(plain, rsg));

        // ... and an explicit decoder skips detection.
        using Image<Rgb24> decoded = Image.Load<Rgb24>(plain, rsg, new RsgImageDecoder());
        Assert.Equal(photo.Size(), decoded.Size());
    }

    [Fact]
    public void ModuleWithCustomEncoderIsUsedBySaveByExtension()
    {
        var configuration = new Configuration(new RsgConfigurationModule(new RsgImageEncoder { Quality = 33, Segmenter = null }, new RsgImageDecoder()));
        string dir = Directory.CreateTempSubdirectory("rsg-reg-").FullName;
        try
        {
            string path = Path.Combine(dir, "custom.rsg");
            using (var image = new Image<Rgb24>(configuration, 64, 48, new Rgb24(10, 200, 30)))
            {
                image.Save(path);
            }

            IImageInfo info = Image.Identify(configuration, path, out _);
            Assert.Equal(33, Assert.Single(info.Metadata.GetRsgMetadata().Regions).Quality);
            using Image<Rgb24> loaded = Image.Load<Rgb24>(configuration, path);
            Assert.Equal(new Size(64, 48), loaded.Size());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
