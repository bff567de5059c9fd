namespace RegionCodec.Tools.Tests;

/// <summary>The three things every refused request must show: its exit code, one line saying why, nothing left behind.</summary>
public static class Expect
{
    /// <summary>Exit <paramref name="code"/>; the first stderr line starts "rsgconv: " and contains <paramref name="contains"/>; no stack trace.</summary>
    public static void OneLine(RunResult r, int code, string contains)
    {
        Assert.True(r.ExitCode == code, $"expected exit {code}: {r}");
        string first = r.Stderr.Split('\n')[0];
        Assert.StartsWith("rsgconv: ", first);
        Assert.Contains(contains, first);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    /// <summary>None of <paramref name="names"/> exists in <paramref name="dir"/>, and no temporary file is left anywhere under it.</summary>
    public static void NothingLeft(TempDir dir, params string[] names)
    {
        foreach (string n in names)
        {
            Assert.False(File.Exists(dir[n]) || Directory.Exists(dir[n]), n + " should not exist");
        }

        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>A binary PPM of noise (ImageSharp reads it with no decompression, so the test's time goes to rsgconv's own work).</summary>
    public static void WriteNoisePpm(string path, int width, int height, int seed = 1)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        using FileStream file = File.Create(path);
        file.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n"));
        file.Write(pixels);
    }
}
