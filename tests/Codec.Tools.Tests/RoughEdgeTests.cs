using System.Diagnostics;

namespace RegionCodec.Tools.Tests;

/// <summary>The careless user's rough edges (issue 18, items 6 and 7): each refused or warned about in one line, as gzip, cwebp and git do.</summary>
public sealed class RoughEdgeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ADirectoryAsInputSaysSo()
    {
        Directory.CreateDirectory(_dir["adir"]);
        Expect.OneLine(_dir.Run("encode", "adir", "out.rsg"), 4, "adir: is a directory (to convert a directory: rsgconv batch DIR OUTDIR)");
        Expect.OneLine(_dir.Run("decode", "adir", "out.png"), 4, "adir: is a directory");
        Expect.NothingLeft(_dir, "out.rsg", "out.png");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ADirectoryAsOutputSaysSoWithOrWithoutForce(bool force)
    {
        Directory.CreateDirectory(_dir["adir"]);
        string[] args = ["encode", Rsgconv.TestImage("camera.png"), "adir", .. force ? new[] { "--force" } : []];
        Expect.OneLine(_dir.Run(args), 4, "adir: is a directory; name the output file");
        Assert.Empty(Directory.GetFileSystemEntries(_dir["adir"]));
        Expect.NothingLeft(_dir);
    }

    [Theory]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--quality" }, "--quality needs a value")]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--segment", "kmeans:0" }, "--segment kmeans:0: K is the number of colour clusters, a whole number 1..255")]
    public void BadValuesAreSaidInTheToolsWords(string[] args, string message)
    {
        RunResult r = _dir.Run(args);
        Expect.OneLine(r, 2, message);
        Assert.DoesNotContain("__default_command", r.Stderr);
        Assert.DoesNotContain("Parameter", r.Stderr); // no raw .NET argument text
        Expect.NothingLeft(_dir, "b.rsg");
    }

    [Fact]
    public void DecodingAPngSaysItIsNotAnRsgFile()
    {
        Expect.OneLine(_dir.Run("decode", Rsgconv.Kodim23, "out.png"), 3, "kodim23.png: not an .rsg file: it is a PNG image");
        Expect.OneLine(_dir.Run("info", Rsgconv.Kodim23), 3, "kodim23.png: not an .rsg file: it is a PNG image");
        File.WriteAllText(_dir["text.rsg"], "hello, world");
        Expect.OneLine(_dir.Run("decode", "text.rsg", "out.ppm"), 3, "text.rsg: not an .rsg file (it does not start with the .rsg signature)");
        Expect.NothingLeft(_dir, "out.png", "out.ppm");
    }

    [Fact]
    public void BinaryOutputToATerminalIsRefusedUnlessForced()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script"))
        {
            return;
        }

        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "c.rsg").ExitCode);

        // script(1) gives the command a pseudo-terminal as standard output, as an interactive shell would.
        var info = new ProcessStartInfo("script", ["-qec", $"dotnet {Rsgconv.Dll} decode c.rsg -", "/dev/null"])
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        using Process process = Process.Start(info)!;
        process.StandardInput.Close();
        string terminal = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 2, terminal);
        Assert.Contains("rsgconv: refusing to write binary image data to a terminal; redirect standard output (> FILE, | PROGRAM) or use --force", terminal);
        Assert.DoesNotContain("PNG", terminal);
    }

    [Theory]
    [InlineData(new[] { "encode", "@camera", "out.png" }, "rsgconv: warning: out.png: written as RSG data, but the name ends in .png")]
    [InlineData(new[] { "decode", "c.rsg", "out.png", "--format", "bmp" }, "rsgconv: warning: out.png: written as BMP data, but the name ends in .png")]
    public void AnOutputNamedForAnotherFormatIsWrittenWithAWarning(string[] args, string warning)
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "c.rsg").ExitCode);
        RunResult r = _dir.Run(args.Select(a => a == "@camera" ? Rsgconv.TestImage("camera.png") : a).ToArray());
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(warning, r.Stderr.Split('\n')[0]);
        Assert.True(File.Exists(_dir["out.png"]));
    }

    [Fact]
    public void ATargetLargerThanTheImageCanFillRaisesEveryRegionTo100AndSaysSo()
    {
        RunResult r = _dir.Run("encode", Rsgconv.Kodim23, "big.rsg", "--target-size", "1.5MB");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("busy 100, textured 100, moderate 100, smooth 100, flat 100", r.Out);
        Assert.Contains("note: every region at quality 100 gives", r.Out);
        Assert.Contains("this image cannot fill 1500000 bytes", r.Out);
        Expect.NothingLeft(_dir);
    }

    [Fact]
    public void ImageInfoHasAReadableToString()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "k.rsg", "--segment", "activity", "--quality", "fg=90,bg=30").ExitCode);
        RsgImageInfo info = RsgDecoder.Identify(File.ReadAllBytes(_dir["k.rsg"]));
        Assert.Equal("768x512 YCbCr 4:2:0, 2 regions (qualities 30, 90), mask cell 8px, 1 strip of 512 rows, Tilted tables, deblocking on", info.ToString());
    }
}
