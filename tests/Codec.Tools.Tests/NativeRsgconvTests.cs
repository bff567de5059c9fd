using Xunit.Abstractions;

namespace RegionCodec.Tools.Tests;

/// <summary>
/// The Native AOT rsgconv (issue 15) against the managed one: it starts, reads every conformance file the same,
/// writes byte-identical .rsg and PNG files, and an OpenCV method either works identically or fails with exit 5 and
/// one line. Both tools run in their own directory on the same relative file names, so their outputs can be compared.
/// </summary>
public sealed class NativeRsgconvTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _native = new();
    private readonly TempDir _managed = new();

    public void Dispose()
    {
        _native.Dispose();
        _managed.Dispose();
    }

    [Fact]
    public void NativeRsgconvStartsAndReportsTheSameVersionAndHelp()
    {
        RunResult version = NativeRsgconv.Run(_native.Path, "--version");
        output.WriteLine($"native publish took {NativeRsgconv.PublishTime.TotalSeconds:F0} s");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(_managed.Run("--version").Out, version.Out);
        AssertSame(_managed.Run("encode", "--help"), NativeRsgconv.Run(_native.Path, "encode", "--help"));
    }

    [Fact]
    public void NativeInfoOnEveryConformanceFileMatchesTheManagedOutput()
    {
        string valid = Path.Combine(Rsgconv.RepoRoot, "spec", "conformance", "valid");
        foreach (string file in Directory.GetFiles(valid, "*.rsg").Order())
        {
            AssertSame(_managed.Run("info", file, "--json"), NativeRsgconv.Run(_native.Path, "info", file, "--json"));
        }

        string invalid = Directory.GetFiles(Path.Combine(Rsgconv.RepoRoot, "spec", "conformance", "invalid")).Order().First();
        AssertSame(_managed.Run("info", invalid), NativeRsgconv.Run(_native.Path, "info", invalid));
    }

    [Fact]
    public void NativeEncodeAndDecodeWriteTheSameBytesAsTheManagedTool()
    {
        string[][] commands =
        [
            ["encode", Rsgconv.Kodim23, "a.rsg"],
            ["encode", Rsgconv.Kodim23, "b.rsg", "--segment", "none", "--quality", "80", "--subsampling", "444"],
            ["decode", "a.rsg", "a.png", "--mask-out", "mask.png"],
            ["thumbnail", "-s", "128", "a.rsg", "thumb.png"],
        ];
        foreach (string[] command in commands)
        {
            AssertSame(_managed.Run(command), NativeRsgconv.Run(_native.Path, command));
        }

        foreach (string file in new[] { "a.rsg", "b.rsg", "a.png", "mask.png", "thumb.png" })
        {
            Assert.True(File.ReadAllBytes(_managed[file]).AsSpan().SequenceEqual(File.ReadAllBytes(_native[file])), $"{file} differs");
        }
    }

    [Fact]
    public void NativeOpencvMethodWorksLikeTheManagedOneOrFailsWithExit5AndOneLine()
    {
        string[] command = ["overlay", Rsgconv.Kodim23, "regions.png", "--segment", "otsu"];
        RunResult native = NativeRsgconv.Run(_native.Path, command);
        if (native.ExitCode == 0)
        {
            AssertSame(_managed.Run(command), native);
            Assert.True(File.ReadAllBytes(_managed["regions.png"]).AsSpan().SequenceEqual(File.ReadAllBytes(_native["regions.png"])));
        }
        else
        {
            Assert.True(native.ExitCode == 5, native.ToString());
            Assert.Single(native.Stderr.Trim().Split('\n'));
            Assert.Contains("OpenCvSharp", native.Stderr);
        }
    }

    /// <summary>Same exit code, standard output and standard error.</summary>
    private static void AssertSame(RunResult managed, RunResult native)
    {
        Assert.True(managed.ExitCode == native.ExitCode, $"managed: {managed}\nnative: {native}");
        Assert.Equal(managed.Out, native.Out);
        Assert.Equal(managed.Stderr, native.Stderr);
    }
}
