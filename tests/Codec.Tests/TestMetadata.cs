using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace RegionCodec.Tests;

/// <summary>
/// Real metadata for the round-trip tests: the ICC profile stored in astronaut.png (a 3144-byte sRGB
/// profile), an EXIF block with orientation 6 written by ImageSharp, and an XMP packet.
/// </summary>
public static class TestMetadata
{
    private static readonly Lazy<byte[]> LazyIcc = new(() => RegionCodec.TestShared.PngIccChunk.Read(File.ReadAllBytes(TestImages.DataPath("astronaut.png")))!);

    public static byte[] Icc => LazyIcc.Value;

    public static byte[] ExifOrientation6()
    {
        var profile = new ExifProfile();
        profile.SetValue(ExifTag.Orientation, (ushort)6);
        profile.SetValue(ExifTag.Make, "RegionCodec test camera");
        return profile.ToByteArray();
    }

    public static byte[] Xmp { get; } = System.Text.Encoding.UTF8.GetBytes(
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator><rdf:Seq><rdf:li>Zoë Test</rdf:li></rdf:Seq></dc:creator>"
        + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>");

    public static RsgImageMetadata All() => new() { IccProfile = Icc, Exif = ExifOrientation6(), Xmp = Xmp };
}
