using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using RegionCodec.Container;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace RegionCodec.ConformanceGenerator;

/// <summary>
/// Valid files 40–47 and one invalid file for the metadata chunks iCCP, eXIf, xMPp and rNAM
/// (spec/rsg.md §3.3, §4.8–§4.11), and the manifest fields that say what a decoder must report.
/// Each file's expected metadata is stated here, independently of the decoder, and the generator
/// stops if this repository's decoder reports anything else.
/// </summary>
internal static class MetadataFiles
{
    /// <summary>What a decoder must report; null = absent.</summary>
    public sealed record Expected(byte[]? Icc, byte[]? Exif, byte[]? Xmp, string?[]? Names)
    {
        public static Expected None { get; } = new(null, null, null, null);
    }

    /// <summary>The manifest fields for <paramref name="info"/>: icc-sha256, exif-sha256, xmp-sha256 and names.</summary>
    public static string Fields(RsgImageInfo info)
    {
        string?[]? names = info.Regions.Any(r => r.Name is not null) ? [.. info.Regions.Select(r => r.Name)] : null;
        return Fields(new Expected(info.Metadata.IccProfile, info.Metadata.Exif, info.Metadata.Xmp, names));
    }

    public static string Fields(Expected e) =>
        $"icc-sha256={Hash(e.Icc)} exif-sha256={Hash(e.Exif)} xmp-sha256={Hash(e.Xmp)} names={NamesField(e.Names)}";

    /// <summary>
    /// The names as a JSON array without spaces: one string per label, null for an unnamed one; in each
    /// string every character outside printable ASCII 0x21–0x7E, and '"' and '\', is escaped as \uXXXX
    /// (UTF-16, surrogate pairs for characters above U+FFFF), so the field never holds a space.
    /// </summary>
    public static string NamesField(string?[]? names)
    {
        if (names is null)
        {
            return "absent";
        }

        var text = new StringBuilder("[");
        for (int i = 0; i < names.Length; i++)
        {
            text.Append(i == 0 ? "" : ",");
            if (names[i] is not string name)
            {
                text.Append("null");
                continue;
            }

            text.Append('"');
            foreach (char c in name)
            {
                text.Append(c is > ' ' and < (char)0x7F and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:x4}");
            }

            text.Append('"');
        }

        return text.Append(']').ToString();
    }

    private static string Hash(byte[]? data) => data is null ? "absent" : Convert.ToHexStringLower(SHA256.HashData(data));

    public static void Write(Photo photo, string images, Action<string, byte[], string, Expected> writeValid, Action<string, byte[], RsgError, string> writeInvalid)
    {
        byte[] icc = IccFromPng(Path.Combine(images, "skimage/astronaut.png"));
        byte[] exif = OrientationExif();
        byte[] xmp = System.Text.Encoding.UTF8.GetBytes(
            "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title><rdf:Alt>"
            + "<rdf:li xml:lang=\"x-default\">Conformance — Kodak 23</rdf:li></rdf:Alt></dc:title></rdf:Description>"
            + "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>");
        Photo crop = photo.Crop(300, 150, 64, 48);
        RsgLabelMap twoRegions = Masks.Ellipse(64, 48, 8);
        RsgLabelMap threeRegions = Masks.Bands(64, 48, 8, 3);

        writeValid("40-rgb420-icc", Encode(crop, new RsgEncoderOptions { Metadata = new RsgImageMetadata { IccProfile = icc } }, null),
            "iCCP alone: a 3144-byte ICC profile (scikit-image astronaut.png's) before the first strip", new Expected(icc, null, null, null));
        writeValid("41-rgb420-exif", Encode(crop, new RsgEncoderOptions { Metadata = new RsgImageMetadata { Exif = exif } }, null),
            "eXIf alone: little-endian TIFF stream with orientation 6", new Expected(null, exif, null, null));
        writeValid("42-rgb420-xmp", Encode(crop, new RsgEncoderOptions { Metadata = new RsgImageMetadata { Xmp = xmp } }, null),
            "xMPp alone: an XMP packet with a BOM and a non-ASCII title", new Expected(null, null, xmp, null));

        string?[] names = ["background", "face"];
        var all = new RsgEncoderOptions
        {
            Regions = [new(30, Name: names[0]), new(85, Name: names[1])],
            Metadata = new RsgImageMetadata { IccProfile = icc, Exif = exif, Xmp = xmp },
        };
        writeValid("43-rgb420-all-metadata-named", Encode(crop, all, twoRegions),
            "iCCP, eXIf, xMPp and rNAM together, 2 named regions", new Expected(icc, exif, xmp, names));

        string?[] utf8 = ["café", null, "日本語の顔 😀"];
        var named = new RsgEncoderOptions { Regions = [new(40, Name: utf8[0]), new(60), new(90, Name: utf8[2])] };
        writeValid("44-rgb420-names-utf8", Encode(crop, named, threeRegions),
            "rNAM with 2- to 4-byte UTF-8 names and an unnamed label between them", new Expected(null, null, null, utf8));

        // 45: placement rules. Two strips, so a chunk can sit after the first one.
        var twoStrips = new RsgEncoderOptions { Regions = [new(30), new(85)], StripHeight = 16 };
        List<Chunk> c = Chunk.Split(Encode(crop, twoStrips, twoRegions));
        byte[] otherIcc = [.. icc];
        otherIcc[^1] ^= 0xFF;
        byte[] beExif = BigEndianExif();
        List<Chunk> placed =
        [
            c[0],
            new(ChunkType.RegionNames, RegionNamesData("early", "early")),   // before RTAB: misplaced
            c[1],
            new(ChunkType.IccProfile, icc),
            new(ChunkType.Exif, beExif),
            new(ChunkType.IccProfile, otherIcc),                              // duplicate: ignored
            new(ChunkType.Exif, exif),                                        // duplicate: ignored
            c[2],
            new(ChunkType.Xmp, xmp),                                          // after the first strip: misplaced
            new(ChunkType.RegionNames, RegionNamesData("late", "late")),      // after the first strip: misplaced
            .. c[3..],
        ];
        writeValid("45-rgb420-ignored-duplicate-misplaced", Chunk.Join(placed),
            "first iCCP and eXIf (big-endian) count, their duplicates are ignored; rNAM before RTAB and xMPp and rNAM after strip 0 are misplaced, so names and XMP are absent",
            new Expected(icc, beExif, null, null));

        // 46: malformed chunks in their place are ignored; a well-formed duplicate does not replace them.
        byte[] badIcc = [.. icc];
        BinaryPrimitives.WriteUInt32BigEndian(badIcc, (uint)icc.Length + 1);
        byte[] shortNames = [.. RegionNamesData("background", "face"), 0];
        List<Chunk> m = Chunk.Split(Encode(crop, new RsgEncoderOptions { Regions = [new(30), new(85)] }, twoRegions));
        List<Chunk> malformed =
        [
            m[0],
            m[1],
            new(ChunkType.IccProfile, badIcc),                                // size field ≠ length
            new(ChunkType.Exif, [.. "Exif\0\0"u8, .. exif]),                 // JPEG APP1 prefix kept
            new(ChunkType.Xmp, [.. "<x:xmpmeta>"u8, 0xC3, 0x28, .. "</x:xmpmeta>"u8]), // invalid UTF-8
            new(ChunkType.RegionNames, shortNames),                           // a byte left over
            new(ChunkType.RegionNames, RegionNamesData("background", "face")), // duplicate: ignored
            .. m[2..],
        ];
        writeValid("46-rgb420-ignored-malformed", Chunk.Join(malformed),
            "malformed iCCP (size field off by one), eXIf with the Exif\\0\\0 prefix, xMPp with invalid UTF-8, rNAM one byte too long then a well-formed duplicate: all absent",
            Expected.None);

        // 47: a well-formed rNAM whose names are all empty reports no names, and it still counts as the first one:
        // a named duplicate after it is ignored.
        List<Chunk> e = Chunk.Split(Encode(crop, new RsgEncoderOptions { Regions = [new(30), new(85)] }, twoRegions));
        List<Chunk> emptyFirst =
        [
            e[0],
            e[1],
            new(ChunkType.RegionNames, RegionNamesData("", "")),              // well-formed, no names
            new(ChunkType.RegionNames, RegionNamesData("background", "face")), // duplicate: ignored
            .. e[2..],
        ];
        writeValid("47-rgb420-names-empty-then-duplicate", Chunk.Join(emptyFirst),
            "a well-formed rNAM with only empty names, then a named duplicate: the first counts, so names are absent",
            Expected.None);

        byte[] good = Encode(crop, new RsgEncoderOptions { Metadata = new RsgImageMetadata { IccProfile = icc } }, null);
        writeInvalid("bad-crc-icc", BreakCrc(good, ChunkType.IccProfile), RsgError.BadCrc, "the iCCP chunk's CRC is wrong (metadata chunks are CRC-checked like any chunk)");
    }

    private static byte[] Encode(Photo photo, RsgEncoderOptions options, RsgLabelMap? labels) =>
        RsgEncoder.Encode(photo.Pixels, photo.Width, photo.Height, photo.Width * 3, RsgPixelFormat.Rgb24, options, labels);

    private static byte[] RegionNamesData(params string[] names) =>
        [.. names.SelectMany(n => (byte[])[(byte)System.Text.Encoding.UTF8.GetByteCount(n), .. System.Text.Encoding.UTF8.GetBytes(n)])];

    private static byte[] OrientationExif()
    {
        var profile = new ExifProfile();
        profile.SetValue(ExifTag.Orientation, (ushort)6);
        profile.SetValue(ExifTag.Software, "RegionCodec conformance generator");
        return profile.ToByteArray();
    }

    /// <summary>A minimal big-endian TIFF stream: IFD0 with one entry, orientation 8.</summary>
    private static byte[] BigEndianExif() =>
        [.. "MM\0*"u8, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0];

    private static byte[] BreakCrc(byte[] file, uint type)
    {
        byte[] copy = [.. file];
        foreach (RsgChunk chunk in RsgChunk.Walk(copy))
        {
            if (chunk.Type == type)
            {
                copy[chunk.CrcOffset + 3] ^= 0x01;
                return copy;
            }
        }

        throw new InvalidOperationException("chunk not found");
    }

    /// <summary>The ICC profile of a PNG's iCCP chunk (name, NUL, method 0, zlib stream).</summary>
    private static byte[] IccFromPng(string path)
    {
        byte[] png = File.ReadAllBytes(path);
        for (int at = 8; at + 12 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("iCCP"u8))
            {
                ReadOnlySpan<byte> data = png.AsSpan(at + 8, length);
                int nul = data.IndexOf((byte)0);
                using var zlib = new ZLibStream(new MemoryStream(data[(nul + 2)..].ToArray()), CompressionMode.Decompress);
                var profile = new MemoryStream();
                zlib.CopyTo(profile);
                return profile.ToArray();
            }

            at += 12 + length;
        }

        throw new InvalidOperationException($"{path} has no iCCP chunk");
    }
}
