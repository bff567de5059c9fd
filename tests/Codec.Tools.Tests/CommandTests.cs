using System.Text;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools.Tests;

/// <summary>Every command on real images, as a process.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void HelpListsCommandsAndExitCodesAndEveryCommandHasExamples()
    {
        RunResult root = _dir.Run("--help");
        Assert.True(root.ExitCode == 0, root.ToString());
        foreach (string s in new[] { "encode", "decode", "info", "overlay", "batch", "EXIT CODES", "--force" })
        {
            Assert.Contains(s, root.Out);
        }

        foreach (string command in new[] { "encode", "decode", "info", "overlay", "batch" })
        {
            RunResult help = _dir.Run(command, "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains("EXAMPLES:", help.Out);
            Assert.Contains($"rsgconv {command} ", help.Out);
            Assert.Contains("EXIT CODES", help.Out);
            Assert.DoesNotContain("\u001b[", help.Out); // no escape codes into a pipe
        }
    }

    [Fact]
    public void EncodeDecodeInfoRoundTripLikeCi()
    {
        string inputHash = Rsgconv.Hash(Rsgconv.Kodim23);
        RunResult encode = _dir.Run("encode", Rsgconv.Kodim23, "k.rsg");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        Assert.Contains("(768x512, 548799 bytes) -> k.rsg (", encode.Out);
        Assert.Contains($"perceptual: {DefaultRegions(Rsgconv.Kodim23, 75)}", encode.Out);

        RunResult decode = _dir.Run("decode", "k.rsg", "k.png", "--mask-out", "mask.png");
        Assert.True(decode.ExitCode == 0, decode.ToString());
        using (Image<Rgb24> image = Image.Load<Rgb24>(_dir["k.png"]))
        {
            Assert.Equal((768, 512), (image.Width, image.Height));
        }

        using (Image<L8> mask = Image.Load<L8>(_dir["mask.png"]))
        {
            Assert.Equal((96, 64), (mask.Width, mask.Height));
        }

        RunResult info = _dir.Run("info", "k.rsg", "--bytes");
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("768x512 ycbcr 4:2:0", info.Out);
        Assert.Contains("STRP", info.Out);
        Assert.Contains("information content of the region's decisions", info.Out);
        Assert.Matches(@"\n    total +" + new FileInfo(_dir["k.rsg"]).Length + "\n", info.Out.ReplaceLineEndings("\n"));
        Assert.Equal(inputHash, Rsgconv.Hash(Rsgconv.Kodim23));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void InfoJsonHasStableFieldsAndChunkBytesAddUp()
    {
        // activity: two regions, whatever the perceptual default's class count is.
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "k.rsg", "--segment", "activity", "--quality", "fg=95,bg=20").ExitCode);
        RunResult info = _dir.Run("info", "k.rsg", "--json", "--bytes");
        Assert.True(info.ExitCode == 0, info.ToString());
        using JsonDocument json = JsonDocument.Parse(info.Stdout);
        JsonElement root = json.RootElement;
        long fileBytes = root.GetProperty("fileBytes").GetInt64();
        Assert.Equal(new FileInfo(_dir["k.rsg"]).Length, fileBytes);
        Assert.Equal(768, root.GetProperty("width").GetInt32());
        Assert.Equal(512, root.GetProperty("height").GetInt32());
        Assert.Equal("ycbcr", root.GetProperty("colorModel").GetString());
        Assert.Equal("4:2:0", root.GetProperty("subsampling").GetString());
        JsonElement[] regions = root.GetProperty("regions").EnumerateArray().ToArray();
        Assert.Equal([20, 95], regions.Select(r => r.GetProperty("quality").GetInt32()));
        Assert.Equal(1.0, regions.Sum(r => r.GetProperty("pixelShare").GetDouble()), 3);
        long chunkBytes = root.GetProperty("chunkTypes").EnumerateArray().Sum(c => c.GetProperty("bytes").GetInt64());
        Assert.Equal(fileBytes, chunkBytes + 8);
        long strp = root.GetProperty("chunkTypes").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "STRP").GetProperty("bytes").GetInt64();
        long regionBytes = regions.Sum(r => r.GetProperty("bytes").GetInt64());
        long maskBytes = root.GetProperty("maskBytes").GetInt64(), overhead = root.GetProperty("overheadBytes").GetInt64();
        Assert.Equal(fileBytes, regionBytes + maskBytes + overhead);
        Assert.Equal(overhead, root.GetProperty("containerBytes").GetInt64() + root.GetProperty("coderBytes").GetInt64());
        Assert.Equal(fileBytes - strp + (16 * root.GetProperty("stripCount").GetInt32()), root.GetProperty("containerBytes").GetInt64()); // 12 bytes of framing and a 4-byte index per strip
        // The coder's loss over the decisions' information content: 4 bytes on this file with 8x8 transforms only, 6 with
        // the 16x16 transform flags (spec §9.2 step 3b), about 1,500 very predictable decisions more.
        Assert.InRange(root.GetProperty("coderBytes").GetInt64(), -2, 6 * root.GetProperty("stripCount").GetInt32());
        foreach (JsonElement r in regions)
        {
            long[] planes = r.GetProperty("planeBytes").EnumerateArray().Select(p => p.GetInt64()).ToArray();
            Assert.Equal(3, planes.Length);
            Assert.InRange(planes.Sum() - r.GetProperty("bytes").GetInt64(), -2, 2);
            Assert.Equal(r.GetProperty("bits").GetDouble() / 8, r.GetProperty("bytes").GetInt64(), 0.5);
        }

        // The q95 region costs far more per pixel than the q20 one.
        double[] bytesPerShare = regions.Select(r => r.GetProperty("bytes").GetInt64() / r.GetProperty("pixelShare").GetDouble()).ToArray();
        Assert.True(bytesPerShare[1] > 3 * bytesPerShare[0], string.Join(", ", bytesPerShare));
        Assert.StartsWith("information content of the region's decisions", root.GetProperty("regionBytesMethod").GetString());
    }

    [Fact]
    public void InfoReadsTheContainerOnlyAndBytesDecodesThePayloads()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "k.rsg").ExitCode);

        // Without --bytes: the regions' qualities and names, nothing measured (null, not an estimate).
        using (JsonDocument json = JsonDocument.Parse(_dir.Run("info", "k.rsg", "--json").Stdout))
        {
            JsonElement root = json.RootElement;
            Assert.Equal(JsonValueKind.Null, root.GetProperty("maskBytes").ValueKind);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("regionBytesMethod").ValueKind);
            Assert.All(root.GetProperty("regions").EnumerateArray(), r =>
            {
                Assert.Equal(JsonValueKind.Null, r.GetProperty("bytes").ValueKind);
                Assert.Equal(JsonValueKind.Null, r.GetProperty("pixelShare").ValueKind);
                Assert.False(string.IsNullOrEmpty(r.GetProperty("name").GetString()));
            });
        }

        // Conformance files whose container is sound but whose payload breaks a rule: info reads them, --bytes
        // (which decodes every payload) and decode reject them with the payload's rule.
        foreach ((string name, string rule) in new[] { ("R11-bad-mask-label", "R11"), ("R12-bad-coefficient-dc", "R12"), ("R14-bad-alpha-sample", "R14") })
        {
            string bad = Path.Combine(Rsgconv.RepoRoot, "spec", "conformance", "invalid", name + ".rsg");
            RunResult header = _dir.Run("info", bad);
            Assert.True(header.ExitCode == 0, header.ToString());
            RunResult measured = _dir.Run("info", bad, "--bytes");
            Assert.Equal(3, measured.ExitCode);
            Assert.Contains($"spec rule {rule}", measured.Stderr);
            Assert.Equal(3, _dir.Run("decode", bad, "bad.png").ExitCode);
        }
    }

    [Fact]
    public void EncodeOptionsUniformGray444AndCellSize()
    {
        RunResult uniform = _dir.Run("encode", Rsgconv.TestImage("astronaut.png"), "u.rsg", "--segment", "none", "--quality", "60", "--subsampling", "444", "--cell", "4");
        Assert.True(uniform.ExitCode == 0, uniform.ToString());
        using (JsonDocument json = JsonDocument.Parse(_dir.Run("info", "u.rsg", "--json").Stdout))
        {
            Assert.Equal("4:4:4", json.RootElement.GetProperty("subsampling").GetString());
            Assert.Equal(4, json.RootElement.GetProperty("maskCellSize").GetInt32());
            Assert.Equal(60, json.RootElement.GetProperty("regions")[0].GetProperty("quality").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("regions").GetArrayLength());
        }

        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("astronaut.png"), "g.rsg", "--gray").ExitCode);
        using (JsonDocument json = JsonDocument.Parse(_dir.Run("info", "g.rsg", "--json").Stdout))
        {
            Assert.Equal("gray", json.RootElement.GetProperty("colorModel").GetString());
        }

        Assert.Equal(0, _dir.Run("decode", "g.rsg", "g.pgm").ExitCode);
        Assert.StartsWith("P5\n512 512\n255\n", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(_dir["g.pgm"]), 0, 15));
    }

    [Fact]
    public void NamedRegionQualitiesAndUserMask()
    {
        RunResult named = _dir.Run("encode", Rsgconv.Kodim23, "n.rsg", "--segment", "activity", "--quality", "detail=85,smooth=25");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Contains("smooth 25, detail 85", named.Out);

        // The decoded label map, as raw label numbers, as a user mask: two values, 0 and 1, become labels 0 and 1.
        Assert.Equal(0, _dir.Run("decode", "n.rsg", "n.png", "--mask-out", "mask.png", "--mask-format", "labels").ExitCode);
        RunResult masked = _dir.Run("encode", Rsgconv.Kodim23, "m.rsg", "--mask", "mask.png", "--quality", "fg=92,bg=15");
        Assert.True(masked.ExitCode == 0, masked.ToString());
        Assert.Contains("value0 15, value1 92", masked.Out);
        using JsonDocument json = JsonDocument.Parse(_dir.Run("info", "m.rsg", "--json").Stdout);
        Assert.Equal([15, 92], json.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("quality").GetInt32()));
    }

    [Fact]
    public void OverlayWritesAPreviewOfTheSegmentation()
    {
        RunResult overlay = _dir.Run("overlay", Rsgconv.Kodim23, "ov.png");
        Assert.True(overlay.ExitCode == 0, overlay.ToString());
        string[] names = DefaultRegions(Rsgconv.Kodim23, 75).Split(", ").Select(r => r.Split(' ')[0]).ToArray();
        Assert.Contains($"perceptual, {names.Length} region(s)", overlay.Out);
        for (int label = 0; label < names.Length; label++)
        {
            Assert.Contains($"{label} {names[label]}", overlay.Out);
        }
        using Image<Rgb24> image = Image.Load<Rgb24>(_dir["ov.png"]);
        Assert.Equal((768, 512), (image.Width, image.Height));

        RunResult opencv = _dir.Run("overlay", Rsgconv.TestImage("astronaut.png"), "faces.png", "--segment", "faces");
        Assert.True(opencv.ExitCode == 0, opencv.ToString());
        Assert.Contains("face", opencv.Out);
    }

    [Fact]
    public void DecodeToOtherFormats()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "c.rsg").ExitCode);
        foreach (string name in new[] { "c.jpg", "c.bmp", "c.webp", "c.ppm" })
        {
            RunResult r = _dir.Run("decode", "c.rsg", name);
            Assert.True(r.ExitCode == 0, name + ": " + r);
            Assert.True(new FileInfo(_dir[name]).Length > 1000, name);
        }

        using Image image = Image.Load(_dir["c.bmp"]);
        Assert.Equal(512, image.Width);
    }

    /// <summary>What the default segmenter suggests for an image at a target quality, as rsgconv prints it.</summary>
    private static string DefaultRegions(string path, int quality)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(path);
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        RegionCodec.Segmentation.RsgSegmentation s = new RegionCodec.Segmentation.PerceptualSegmenter().Segment(
            rgb, image.Width, image.Height, image.Width * 3, RegionCodec.RsgPixelFormat.Rgb24,
            new RegionCodec.Segmentation.RsgSegmenterOptions { TargetQuality = quality });
        return string.Join(", ", s.RegionNames.Select((n, i) => $"{n} {s.Regions[i].Quality}"));
    }
}
