namespace RegionCodec.Tools.Tests;

public sealed class BatchTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BatchWithACorruptFileConvertsTheRestNamesItAndExits1()
    {
        string input = Directory.CreateDirectory(_dir["in"]).FullName;
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        File.Copy(Rsgconv.TestImage("camera.png"), Path.Combine(input, "camera.png"));
        File.Copy(Rsgconv.TestImage("astronaut.png"), Path.Combine(input, "sub", "astronaut.png"));
        File.Copy(Rsgconv.Kodim23, Path.Combine(input, "kodim23.png"));
        File.WriteAllBytes(Path.Combine(input, "broken.png"), File.ReadAllBytes(Rsgconv.Kodim23)[..5000]);
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not matched by the default globs");
        string[] hashes = Directory.GetFiles(input, "*", SearchOption.AllDirectories).Order().Select(Rsgconv.Hash).ToArray();

        RunResult r = _dir.Run("batch", "in", "out", "-r", "--jobs", "2");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("4 file(s): 3 converted, 0 skipped", r.Out);
        Assert.Contains("1 failed", r.Out);
        Assert.Contains("bytes in ->", r.Out);
        Assert.Contains("ratio", r.Out);
        Assert.Contains("failed:", r.Out);
        Assert.Contains("broken.png", r.Out.Split("failed:")[1]);
        Assert.Contains("rsgconv: in/broken.png: ", r.Stderr);
        Assert.DoesNotContain("\r", r.Stderr); // no live progress bar when stderr is not a terminal
        Assert.True(File.Exists(_dir["out/camera.rsg"]));
        Assert.True(File.Exists(_dir["out/kodim23.rsg"]));
        Assert.True(File.Exists(_dir["out/sub/astronaut.rsg"]));
        Assert.False(File.Exists(_dir["out/broken.rsg"]));
        Assert.Empty(Directory.GetFiles(_dir["out"], "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(hashes, Directory.GetFiles(input, "*", SearchOption.AllDirectories).Order().Select(Rsgconv.Hash).ToArray());

        // Again: existing outputs are skipped; with --force they are redone.
        DateTime before = File.GetLastWriteTimeUtc(_dir["out/camera.rsg"]);
        RunResult again = _dir.Run("batch", "in", "out", "-r", "--include", "*.png", "--include", "sub/*.png");
        Assert.Contains("0 converted, 3 skipped", again.Out);
        Assert.Equal(before, File.GetLastWriteTimeUtc(_dir["out/camera.rsg"]));
        RunResult forced = _dir.Run("batch", "in", "out", "--include", "camera.png", "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("1 file(s): 1 converted", forced.Out);
    }

    [Fact]
    public void BatchDecodesToAnImageFormat()
    {
        Directory.CreateDirectory(_dir["rsg"]);
        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "rsg/c.rsg").ExitCode);
        RunResult r = _dir.Run("batch", "rsg", "png", "--to", "png");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(_dir["png/c.png"]));
    }

    [Fact]
    public void BatchOfAMissingDirectoryExits4()
    {
        RunResult r = _dir.Run("batch", "nowhere", "out");
        Assert.Equal(4, r.ExitCode);
        Assert.StartsWith("rsgconv: nowhere: no such directory", r.Stderr);
    }
}
