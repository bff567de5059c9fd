namespace RegionCodec.Tools.Tests;

/// <summary>
/// shell install --user: the thumbnailer runs this rsgconv by absolute path, is checked by running it on a tiny
/// image, and the command says what it wrote where; an Exec line that cannot run is refused and taken back out.
/// </summary>
public sealed class DesktopInstallTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DataHome => _dir["data"];

    private string Thumbnailer => Path.Combine(DataHome, "thumbnailers", "regioncodec-rsg.thumbnailer");

    private string MimePackage => Path.Combine(DataHome, "mime", "packages", "regioncodec-rsg.xml");

    private RunResult Run(params string[] args) => Rsgconv.RunWith(Rsgconv.Dll, _dir.Path, null,
        new Dictionary<string, string> { ["XDG_DATA_HOME"] = DataHome, ["HOME"] = _dir.Path }, args);

    [Fact]
    public void UserInstallWritesTheAbsoluteProgramChecksItAndSaysWhere()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        RunResult r = Run("shell", "install", "--user");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"wrote {Thumbnailer}", r.Out);
        Assert.Contains($"wrote {MimePackage}", r.Out);
        Assert.Contains("(checked: it thumbnailed a test image)", r.Out);

        string exec = File.ReadAllLines(Thumbnailer).Single(l => l.StartsWith("Exec=", StringComparison.Ordinal))["Exec=".Length..];
        string program = exec.Split(' ')[0];
        Assert.True(Path.IsPathRooted(program), exec);
        Assert.True(File.Exists(program), exec);
        Assert.Contains(Rsgconv.Dll, exec); // run as `dotnet rsgconv.dll`: the host, then the assembly
        Assert.EndsWith(" thumbnail --force --size %s %i %o", exec);

        RunResult removed = Run("shell", "uninstall", "--user");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains($"removed {Thumbnailer}", removed.Out);
        Assert.False(File.Exists(Thumbnailer));
    }

    [Fact]
    public void AProgramThatCannotRunIsRefusedAndNothingStaysInstalled()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        RunResult r = Run("shell", "install", "--user", "--program", _dir["no-such-rsgconv"]);
        Expect.OneLine(r, 5, "the thumbnailer command '" + _dir["no-such-rsgconv"] + " thumbnail --force --size %s %i %o' failed on a test image");
        Assert.Contains("nothing installed (pass --program", r.Stderr);
        Assert.False(File.Exists(Thumbnailer));
        Assert.False(File.Exists(MimePackage));
        Expect.NothingLeft(_dir);
    }

    [Theory]
    [InlineData(new[] { "shell", "install" }, "give exactly one of --user and --system")]
    [InlineData(new[] { "shell", "install", "--user", "--system" }, "give exactly one of --user and --system")]
    [InlineData(new[] { "shell", "frobnicate" }, "Unknown command 'frobnicate'")]
    [InlineData(new[] { "shell" }, "shell needs an action: install, uninstall")]
    [InlineData(new[] { "shell", "register" }, "Windows only")]
    public void BadShellCommandLinesExit2(string[] args, string message)
    {
        Expect.OneLine(Run(args), 2, message);
        Assert.False(Directory.Exists(DataHome));
    }
}
