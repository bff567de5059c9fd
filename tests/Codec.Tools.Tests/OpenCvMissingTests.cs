namespace RegionCodec.Tools.Tests;

/// <summary>
/// A copy of the tool whose OpenCV native library cannot load (a corrupt libOpenCvSharpExtern.so): the
/// managed default still encodes, an OpenCV method fails with exit 5 and a message naming the package, and
/// auto falls back to the perceptual classes with one line on stderr.
/// </summary>
public sealed class OpenCvMissingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DefaultSegmenterNeedsNoNativeLibraryOpencvMethodsNameThePackageAndAutoFallsBack()
    {
        string tool = Directory.CreateDirectory(_dir["tool"]).FullName;
        foreach (string file in Directory.GetFiles(Rsgconv.ToolDirectory, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(tool, Path.GetRelativePath(Rsgconv.ToolDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Path.GetFileName(file).StartsWith("libOpenCvSharpExtern", StringComparison.Ordinal))
            {
                File.WriteAllText(target, "not a shared library");
            }
            else
            {
                File.Copy(file, target); // a copy, not a symlink: the host resolves symlinks to the original directory
            }
        }

        string dll = Path.Combine(tool, "rsgconv.dll");
        RunResult managed = Rsgconv.RunWith(dll, _dir.Path, null, null, "encode", Rsgconv.TestImage("camera.png"), "a.rsg");
        Assert.True(managed.ExitCode == 0, managed.ToString());
        Assert.True(File.Exists(_dir["a.rsg"]));

        RunResult opencv = Rsgconv.RunWith(dll, _dir.Path, null, null, "encode", Rsgconv.TestImage("camera.png"), "b.rsg", "--segment", "otsu");
        Assert.True(opencv.ExitCode == 5, opencv.ToString());
        Assert.Contains("libgtk-3-0", opencv.Stderr);
        Assert.Single(opencv.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(_dir["b.rsg"]));

        RunResult auto = Rsgconv.RunWith(dll, _dir.Path, null, null, "encode", Rsgconv.TestImage("astronaut.png"), "c.rsg", "--segment", "auto");
        Assert.True(auto.ExitCode == 0, auto.ToString());
        string warning = Assert.Single(auto.Stderr.Trim().Split('\n'));
        Assert.Contains("OpenCV could not load", warning);
        Assert.Contains("perceptual classes only", warning);
        Assert.Contains("  auto: busy ", auto.Out);
        Assert.DoesNotContain("face", auto.Out);
        Assert.True(File.Exists(_dir["c.rsg"]));
    }

    [Fact]
    public void MissingHaarCascadeNamesOpencvData()
    {
        RunResult r = Rsgconv.RunWith(Rsgconv.Dll, _dir.Path, null, new Dictionary<string, string> { ["RSG_HAAR_CASCADE"] = "/nonexistent/cascade.xml" },
            "encode", Rsgconv.TestImage("astronaut.png"), "f.rsg", "--segment", "faces");
        Assert.True(r.ExitCode == 5, r.ToString());
        Assert.Contains("opencv-data", r.Stderr);
    }
}
