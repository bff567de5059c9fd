using RegionCodec.TestShared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;
using static RegionCodec.ImageSharp.Tests.TestSupport;

namespace RegionCodec.ImageSharp.Tests;

/// <summary>
/// The image's ICC profile, EXIF and XMP survive <c>SaveAsRsg</c> and <c>Image.Load</c> (spec/rsg.md
/// §4.8–§4.10), and the segmenter's region names reach <see cref="RsgMetadata.RegionNames"/>.
/// </summary>
public class ProfileTests
{
    private static readonly byte[] AstronautIcc = PngIccChunk.Read(File.ReadAllBytes(DataPath("astronaut.png")))!;

    private static readonly byte[] Xmp = System.Text.Encoding.UTF8.GetBytes(
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta><?xpacket end=\"w\"?>");

    /// <summary>The astronaut as RGBA with its real ICC profile, EXIF orientation 6 and an XMP packet attached.</summary>
    private static Image<Rgba32> PhotoWithProfiles(Configuration configuration)
    {
        Image<Rgba32> image = Image.Load<Rgba32>(configuration, DataPath("astronaut.png"));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        image.Metadata.ExifProfile = exif;
        image.Metadata.IccProfile = new IccProfile(AstronautIcc);
        image.Metadata.XmpProfile = new XmpProfile(Xmp);
        return image;
    }

    [Fact]
    public void ProfilesAndRegionNamesSurviveSaveAsRsgAndLoad()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> photo = PhotoWithProfiles(configuration);
        byte[] file = Encode(photo, new RsgImageEncoder { Quality = 80 });

        using Image<Rgba32> loaded = Image.Load<Rgba32>(configuration, file);
        Assert.Equal(AstronautIcc, loaded.Metadata.IccProfile!.ToByteArray());
        Assert.Equal((ushort)6, loaded.Metadata.ExifProfile!.GetValue(ExifTag.Orientation)!.Value);
        Assert.Equal(Xmp, loaded.Metadata.XmpProfile!.ToByteArray());

        // The default perceptual segmenter names its classes; the file stores them, the plugin exposes them.
        RsgMetadata rsg = loaded.Metadata.GetRsgMetadata();
        Assert.True(rsg.Regions.Count >= 2);
        Assert.All(rsg.RegionNames, name => Assert.False(string.IsNullOrEmpty(name)));
        Assert.Equal(rsg.RegionNames, RsgDecoder.Identify(file).Regions.Select(r => r.Name));

        IImageInfo identified = Image.Identify(configuration, new MemoryStream(file))!;
        Assert.Equal(AstronautIcc, identified.Metadata.IccProfile!.ToByteArray());
        Assert.Equal(rsg.RegionNames, identified.Metadata.GetRsgMetadata().RegionNames);
    }

    [Fact]
    public void RgbaPngWithIccExifAndXmpThroughLoadSaveAsRsgLoad()
    {
        Configuration configuration = NewConfiguration();
        (byte[] png, byte[] icc) = MetadataPhoto.Build(DataPath("astronaut.png"));
        using Image<Rgba32> photo = Image.Load<Rgba32>(configuration, png);
        Assert.Equal((ushort)6, photo.Metadata.ExifProfile!.GetValue(ExifTag.Orientation)!.Value);

        // ImageSharp 2.1.13's PNG decoder reads eXIf and iTXt XMP but skips iCCP; a caller attaches the profile
        // (rsgconv reads it from the PNG itself). Should a later ImageSharp read it, this line says so.
        Assert.Null(photo.Metadata.IccProfile);
        photo.Metadata.IccProfile = new IccProfile(PngIccChunk.Read(png)!);

        using var stream = new MemoryStream();
        photo.SaveAsRsg(stream);
        using Image<Rgba32> loaded = Image.Load<Rgba32>(configuration, stream.ToArray());
        Assert.Equal(icc, loaded.Metadata.IccProfile!.ToByteArray());
        Assert.Equal((ushort)6, loaded.Metadata.ExifProfile!.GetValue(ExifTag.Orientation)!.Value);
        Assert.Equal(MetadataPhoto.Xmp, loaded.Metadata.XmpProfile!.ToByteArray());
        Assert.All(loaded.Metadata.GetRsgMetadata().RegionNames, name => Assert.False(string.IsNullOrEmpty(name)));

        // The alpha (falling off to the right) comes back exactly, pixel for pixel.
        Assert.Equal(MetadataPhoto.AlphaOf(photo), MetadataPhoto.AlphaOf(loaded));
        Assert.Contains(MetadataPhoto.AlphaOf(loaded), a => a < 255);
    }

    [Fact]
    public void SavingALoadedRsgAgainKeepsProfilesRegionsAndNames()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> photo = PhotoWithProfiles(configuration);
        var encoder = new RsgImageEncoder
        {
            Labels = RsgMasks.Rectangle(new Size(512, 512), new Rectangle(180, 60, 160, 180)),
            Regions = [new RsgRegion(25, Name: "background"), new RsgRegion(95, Name: "face")],
        };
        using Image<Rgba32> once = Image.Load<Rgba32>(configuration, Encode(photo, encoder));
        byte[] twice = Encode(once, new RsgImageEncoder());
        RsgImageInfo info = RsgDecoder.Identify(twice);
        Assert.Equal(["background", "face"], info.Regions.Select(r => r.Name));
        Assert.Equal(AstronautIcc, info.Metadata.IccProfile);
        Assert.Equal(6, RsgImageMetadata.ExifOrientation(info.Metadata.Exif));
        Assert.Equal(Xmp, info.Metadata.Xmp);
    }

    [Fact]
    public void IgnoreMetadataLeavesTheProfilesOutButKeepsNames()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> photo = PhotoWithProfiles(configuration);
        byte[] file = Encode(photo, new RsgImageEncoder { IgnoreMetadata = true, StripHeight = 64 });
        using Image<Rgba32> loaded = Image.Load<Rgba32>(configuration, file);
        Assert.Null(loaded.Metadata.IccProfile);
        Assert.Null(loaded.Metadata.ExifProfile);
        Assert.Null(loaded.Metadata.XmpProfile);
        Assert.True(RsgDecoder.Identify(file).Metadata.IsEmpty);
        Assert.NotNull(loaded.Metadata.GetRsgMetadata().RegionNames[0]);
    }

    [Fact]
    public void AProfileTheFormatWouldIgnoreIsLeftOutInsteadOfFailingTheSave()
    {
        Configuration configuration = NewConfiguration();
        using Image<Rgba32> photo = PhotoWithProfiles(configuration);
        byte[] damaged = [.. AstronautIcc];
        damaged[36] = (byte)'x'; // no 'acsp' signature
        photo.Metadata.IccProfile = new IccProfile(damaged);
        RsgImageInfo info = RsgDecoder.Identify(Encode(photo, Encoder()));
        Assert.Null(info.Metadata.IccProfile);
        Assert.Equal(6, RsgImageMetadata.ExifOrientation(info.Metadata.Exif));
    }
}
