using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RegionCodec.TestShared;

/// <summary>
/// The must-show input of the metadata work: an RGBA PNG of a real photograph (a 256x256 crop of
/// scikit-image's astronaut, alpha falling off to the right) with the photograph's own ICC profile in iCCP,
/// EXIF with orientation 6 in eXIf and an XMP packet in iTXt. Linked into each test project that needs it.
/// </summary>
internal static class MetadataPhoto
{
    public static readonly byte[] Xmp = System.Text.Encoding.UTF8.GetBytes(
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Astronaut — métadonnées</rdf:li>"
        + "</rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>");

    /// <summary>The PNG bytes, and the ICC profile they carry.</summary>
    public static (byte[] Png, byte[] Icc) Build(string astronautPng)
    {
        byte[] source = File.ReadAllBytes(astronautPng);
        byte[] icc = PngIccChunk.Read(source) ?? throw new InvalidDataException("astronaut.png has no ICC profile");
        using Image<Rgba32> image = Image.Load<Rgba32>(source);
        image.Mutate(x => x.Crop(new Rectangle(128, 16, 256, 256)));
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgba32> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    row[x].A = (byte)(255 - x / 2);
                }
            }
        });

        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        exif.SetValue(ExifTag.Model, "RegionCodec metadata test");
        image.Metadata.ExifProfile = exif;
        image.Metadata.XmpProfile = new XmpProfile(Xmp);
        using var png = new MemoryStream();
        // The colour type must be given: ImageSharp keeps the source PNG's (RGB) and would drop the alpha.
        image.SaveAsPng(png, new SixLabors.ImageSharp.Formats.Png.PngEncoder { ColorType = SixLabors.ImageSharp.Formats.Png.PngColorType.RgbWithAlpha });
        return (PngIccChunk.Insert(png.ToArray(), icc), icc);
    }

    /// <summary>The alpha of every pixel, row by row.</summary>
    public static byte[] AlphaOf(Image<Rgba32> image)
    {
        var alpha = new byte[image.Width * image.Height];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgba32> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    alpha[(y * row.Length) + x] = row[x].A;
                }
            }
        });
        return alpha;
    }
}
