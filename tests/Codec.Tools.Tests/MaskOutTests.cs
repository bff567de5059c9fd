using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools.Tests;

/// <summary>decode --mask-out: a colour per label (indexed PNG) and a legend by default, raw label numbers on request.</summary>
public sealed class MaskOutTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MaskOutIsAnIndexedPngWithAColourPerLabelBrighterLabelByLabelAndALegend()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "k.rsg").ExitCode);
        RunResult colour = _dir.Run("decode", "k.rsg", "k.png", "--mask-out", "colour.png");
        Assert.True(colour.ExitCode == 0, colour.ToString());
        RunResult raw = _dir.Run("decode", "k.rsg", "k2.png", "--mask-out", "labels.png", "--mask-format", "labels");
        Assert.True(raw.ExitCode == 0, raw.ToString());

        byte[] labels = Pixels<L8>(_dir["labels.png"]).Select(p => p.PackedValue).ToArray();
        int regions = labels.Max() + 1;
        Assert.True(regions >= 3, $"{regions} regions");
        Assert.Equal(PngColorType.Palette, Image.Identify(_dir["colour.png"]).Metadata.GetPngMetadata().ColorType);

        // One colour per label, each label's colour as the legend prints it.
        Rgb24[] colours = Pixels<Rgb24>(_dir["colour.png"]);
        var colourOf = new Dictionary<byte, Rgb24>();
        for (int i = 0; i < labels.Length; i++)
        {
            Assert.Equal(colourOf.TryAdd(labels[i], colours[i]) ? colours[i] : colourOf[labels[i]], colours[i]);
        }

        Assert.Equal(regions, colourOf.Values.Distinct().Count());
        // The legend names each label as the file's rNAM chunk does.
        IReadOnlyList<RsgRegion> stored = RsgDecoder.Identify(File.ReadAllBytes(_dir["k.rsg"])).Regions;
        foreach ((byte label, Rgb24 c) in colourOf)
        {
            Assert.False(string.IsNullOrEmpty(stored[label].Name));
            Assert.Contains($"    {label,3}  #{c.R:x2}{c.G:x2}{c.B:x2}  ({c.R,3}, {c.G,3}, {c.B,3})  {stored[label].Name}", colour.Out);
        }

        // Read as gray (as encode --mask reads a mask), the colours keep the labels' order.
        L8[] gray = Pixels<L8>(_dir["colour.png"]);
        byte[] lumaOf = new byte[regions];
        for (int i = 0; i < labels.Length; i++)
        {
            lumaOf[labels[i]] = gray[i].PackedValue;
        }

        for (int l = 1; l < regions; l++)
        {
            Assert.True(lumaOf[l] > lumaOf[l - 1] + 8, $"label {l} luma {lumaOf[l]} after {lumaOf[l - 1]}");
        }

        Assert.Contains("mask legend (label: colour):", colour.Out);
        Assert.Contains("mask legend (gray level = label):", raw.Out);
        Assert.Contains("      1  gray   1", raw.Out);
    }

    [Fact]
    public void MaskOutFedBackToEncodeMaskGivesTheSameLabels()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "a.rsg", "--segment", "activity", "--quality", "fg=90,bg=20").ExitCode);
        Assert.Equal(0, _dir.Run("decode", "a.rsg", "a.png", "--mask-out", "mask.png").ExitCode);
        Assert.Equal(0, _dir.Run("decode", "a.rsg", "a2.png", "--mask-out", "before.png", "--mask-format", "labels").ExitCode);
        RunResult again = _dir.Run("encode", Rsgconv.Kodim23, "b.rsg", "--mask", "mask.png", "--quality", "fg=90,bg=20");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, _dir.Run("decode", "b.rsg", "b.png", "--mask-out", "after.png", "--mask-format", "labels").ExitCode);

        Assert.Equal(Pixels<L8>(_dir["before.png"]), Pixels<L8>(_dir["after.png"]));
    }

    [Fact]
    public void EveryOneOf255LabelsGetsItsOwnColour()
    {
        string file = Path.Combine(Rsgconv.RepoRoot, "spec", "conformance", "valid", "19-rgb420-255regions.rsg");
        Assert.Equal(0, _dir.Run("decode", file, "x.png", "--mask-out", "colour.png").ExitCode);
        Assert.Equal(0, _dir.Run("decode", file, "y.png", "--mask-out", "labels.png", "--mask-format", "labels").ExitCode);
        L8[] labels = Pixels<L8>(_dir["labels.png"]);
        Rgb24[] colours = Pixels<Rgb24>(_dir["colour.png"]);
        Assert.Equal(255, labels.Distinct().Count());
        Assert.Equal(255, labels.Zip(colours).Distinct().Count());
        Assert.Equal(255, colours.Distinct().Count());
    }

    [Fact]
    public void MaskFormatIsChecked()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "k.rsg", "--segment", "none").ExitCode);
        RunResult bad = _dir.Run("decode", "k.rsg", "k.png", "--mask-out", "m.png", "--mask-format", "rainbow");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--mask-format must be colour or labels, not 'rainbow'", bad.Stderr);
        RunResult alone = _dir.Run("decode", "k.rsg", "k.png", "--mask-format", "labels");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--mask-format needs --mask-out", alone.Stderr);
        Assert.False(File.Exists(_dir["k.png"]));
    }

    private static T[] Pixels<T>(string path)
        where T : unmanaged, IPixel<T>
    {
        using Image<T> image = Image.Load<T>(path);
        var pixels = new T[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }
}
