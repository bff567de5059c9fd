using System.Text.Json;
using RegionCodec.TestShared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools.Tests;

/// <summary>
/// rsgconv keeps an input's ICC profile, EXIF and XMP through encode and decode (spec/rsg.md §4.8–§4.10),
/// stores the region names it reports (§4.11), and drops the profiles on --strip-metadata.
/// </summary>
public sealed class MetadataCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly byte[] _icc;

    public MetadataCommandTests()
    {
        (byte[] png, _icc) = MetadataPhoto.Build(Rsgconv.TestImage("astronaut.png"));
        File.WriteAllBytes(_dir["in.png"], png);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RgbaPngWithIccExifAndXmpSurvivesEncodeAndDecodeWithDefaults()
    {
        RunResult encode = _dir.Run("encode", "in.png", "x.rsg");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        RunResult decode = _dir.Run("decode", "x.rsg", "out.png");
        Assert.True(decode.ExitCode == 0, decode.ToString());

        byte[] output = File.ReadAllBytes(_dir["out.png"]);
        Assert.Equal(_icc, PngIccChunk.Read(output));
        using (Image<Rgba32> image = Image.Load<Rgba32>(output))
        using (Image<Rgba32> input = Image.Load<Rgba32>(_dir["in.png"]))
        {
            Assert.Equal((ushort)6, image.Metadata.ExifProfile!.GetValue(ExifTag.Orientation)!.Value);
            Assert.Equal(MetadataPhoto.Xmp, image.Metadata.XmpProfile!.ToByteArray());

            // The alpha comes back exactly.
            Assert.Equal(MetadataPhoto.AlphaOf(input), MetadataPhoto.AlphaOf(image));
            Assert.Contains(MetadataPhoto.AlphaOf(image), a => a < 255);
        }

        // info --json names every region the encoder reported ("perceptual: busy 65, textured 70, ...").
        string reported = encode.Out.Split('\n').Single(l => l.TrimStart().StartsWith("perceptual: ", StringComparison.Ordinal)).Trim()["perceptual: ".Length..];
        string[] reportedNames = [.. reported.Split(", ").Select(part => part[..part.LastIndexOf(' ')])];
        Assert.True(reportedNames.Length >= 2, encode.Out);
        using JsonDocument info = Info("x.rsg");
        Assert.Equal(reportedNames, info.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.True(info.RootElement.GetProperty("alpha").GetBoolean());
        JsonElement metadata = info.RootElement.GetProperty("metadata");
        Assert.Equal(_icc.Length, metadata.GetProperty("icc").GetProperty("bytes").GetInt32());
        Assert.Equal("sRGB IEC61966-2.1", metadata.GetProperty("icc").GetProperty("description").GetString());
        Assert.Equal(6, metadata.GetProperty("exif").GetProperty("orientation").GetInt32());
        Assert.Equal(MetadataPhoto.Xmp.Length, metadata.GetProperty("xmp").GetProperty("bytes").GetInt32());

        RunResult text = _dir.Run("info", "x.rsg");
        Assert.Contains($"metadata: ICC {_icc.Length} bytes \"sRGB IEC61966-2.1\", EXIF ", text.Out);
        Assert.Contains("orientation 6", text.Out);
        Assert.Contains(reportedNames[0], text.Out);
    }

    [Fact]
    public void JpegOutputCarriesTheProfilesAndEncodingItAgainKeepsThem()
    {
        Assert.Equal(0, _dir.Run("encode", "in.png", "x.rsg").ExitCode);
        RunResult decode = _dir.Run("decode", "x.rsg", "out.jpg");
        Assert.True(decode.ExitCode == 0, decode.ToString());
        using (Image<Rgb24> jpeg = Image.Load<Rgb24>(_dir["out.jpg"]))
        {
            Assert.Equal(_icc, jpeg.Metadata.IccProfile!.ToByteArray());
            Assert.Equal((ushort)6, jpeg.Metadata.ExifProfile!.GetValue(ExifTag.Orientation)!.Value);
            Assert.Equal(MetadataPhoto.Xmp, jpeg.Metadata.XmpProfile!.ToByteArray());
        }

        Assert.Equal(0, _dir.Run("encode", "out.jpg", "again.rsg").ExitCode);
        RsgImageInfo again = RsgDecoder.Identify(File.ReadAllBytes(_dir["again.rsg"]));
        Assert.Equal(_icc, again.Metadata.IccProfile);
        Assert.Equal(6, RsgImageMetadata.ExifOrientation(again.Metadata.Exif));
        Assert.Equal(MetadataPhoto.Xmp, again.Metadata.Xmp);
    }

    [Fact]
    public void StripMetadataRemovesTheProfilesOnEncodeAndOnDecode()
    {
        Assert.Equal(0, _dir.Run("encode", "in.png", "bare.rsg", "--strip-metadata").ExitCode);
        RsgImageInfo bare = RsgDecoder.Identify(File.ReadAllBytes(_dir["bare.rsg"]));
        Assert.True(bare.Metadata.IsEmpty);
        Assert.All(bare.Regions, r => Assert.NotNull(r.Name)); // names are not metadata to strip
        using (JsonDocument info = Info("bare.rsg"))
        {
            JsonElement metadata = info.RootElement.GetProperty("metadata");
            Assert.Equal(JsonValueKind.Null, metadata.GetProperty("icc").ValueKind);
            Assert.Equal(JsonValueKind.Null, metadata.GetProperty("exif").ValueKind);
            Assert.Equal(JsonValueKind.Null, metadata.GetProperty("xmp").ValueKind);
        }

        Assert.Equal(0, _dir.Run("encode", "in.png", "x.rsg").ExitCode);
        Assert.Equal(0, _dir.Run("decode", "x.rsg", "bare.png", "--strip-metadata").ExitCode);
        byte[] png = File.ReadAllBytes(_dir["bare.png"]);
        Assert.Null(PngIccChunk.Read(png));
        using Image<Rgb24> image = Image.Load<Rgb24>(png);
        Assert.Null(image.Metadata.ExifProfile);
        Assert.Null(image.Metadata.XmpProfile);
    }

    [Fact]
    public void MaskRegionsAreNamedInTheFileAndOverlayShowsTheStoredRegions()
    {
        using (var mask = new Image<L8>(256, 256))
        {
            mask.ProcessPixelRows(rows =>
            {
                for (int y = 64; y < 192; y++)
                {
                    rows.GetRowSpan(y)[64..192].Fill(new L8(255));
                }
            });
            mask.SaveAsPng(_dir["mask.png"]);
        }

        RunResult encode = _dir.Run("encode", "in.png", "m.rsg", "--mask", "mask.png", "--quality", "fg=90,bg=30");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        RsgImageInfo info = RsgDecoder.Identify(File.ReadAllBytes(_dir["m.rsg"]));
        Assert.Equal(2, info.Regions.Count);
        Assert.All(info.Regions, r => Assert.False(string.IsNullOrEmpty(r.Name)));
        Assert.Contains($"{info.Regions[0].Name} {info.Regions[0].Quality}", encode.Out);
        Assert.Contains($"{info.Regions[1].Name} {info.Regions[1].Quality}", encode.Out);

        RunResult overlay = _dir.Run("overlay", "m.rsg", "overlay.png");
        Assert.True(overlay.ExitCode == 0, overlay.ToString());
        Assert.Contains("the file's own 2 region(s)", overlay.Out);
        Assert.Contains($"1 {info.Regions[1].Name}", overlay.Out);
        Assert.Contains("quality 90", overlay.Out);
        using Image<Rgb24> tinted = Image.Load<Rgb24>(_dir["overlay.png"]);
        Assert.Equal((256, 256), (tinted.Width, tinted.Height));
        Assert.NotEqual(tinted[10, 10], tinted[128, 128]); // background and foreground tinted differently
    }

    [Fact]
    public void AGrayOutputDoesNotGetTheRgbProfileAndADamagedIccpIsSkipped()
    {
        // --gray keeps the RGB profile in the .rsg file, but PNG forbids an RGB profile on a gray image.
        Assert.Equal(0, _dir.Run("encode", "in.png", "gray.rsg", "--gray").ExitCode);
        Assert.Equal(_icc, RsgDecoder.Identify(File.ReadAllBytes(_dir["gray.rsg"])).Metadata.IccProfile);
        Assert.Equal(0, _dir.Run("decode", "gray.rsg", "gray.png").ExitCode);
        byte[] gray = File.ReadAllBytes(_dir["gray.png"]);
        Assert.Null(PngIccChunk.Read(gray));
        using (Image<L8> image = Image.Load<L8>(gray))
        {
            Assert.Equal((ushort)6, image.Metadata.ExifProfile!.GetValue(ExifTag.Orientation)!.Value);
        }

        // An iCCP whose zlib stream is damaged: the input is still encoded, without a profile.
        byte[] png = File.ReadAllBytes(_dir["in.png"]);
        int at = IndexOf(png, "iCCP"u8) + 4;
        int nameEnd = Array.IndexOf(png, (byte)0, at);
        png[nameEnd + 4] ^= 0xFF;
        png[nameEnd + 5] ^= 0xFF;
        File.WriteAllBytes(_dir["damaged.png"], FixCrc(png, at - 8));
        RunResult encode = _dir.Run("encode", "damaged.png", "damaged.rsg");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        RsgImageInfo info = RsgDecoder.Identify(File.ReadAllBytes(_dir["damaged.rsg"]));
        Assert.Null(info.Metadata.IccProfile);
        Assert.Equal(MetadataPhoto.Xmp, info.Metadata.Xmp);
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> value) => data.AsSpan().IndexOf(value);

    /// <summary>Recomputes the CRC of the PNG chunk whose length field is at <paramref name="chunk"/>.</summary>
    private static byte[] FixCrc(byte[] png, int chunk)
    {
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(chunk));
        uint crc = System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(chunk + 4, 4 + length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(chunk + 8 + length), crc);
        return png;
    }

    private JsonDocument Info(string file)
    {
        RunResult info = _dir.Run("info", file, "--json");
        Assert.True(info.ExitCode == 0, info.ToString());
        return JsonDocument.Parse(info.Out);
    }
}
