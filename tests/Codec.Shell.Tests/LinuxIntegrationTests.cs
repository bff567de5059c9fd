using System.Xml.Linq;
using SixLabors.ImageSharp;

namespace RegionCodec.Shell.Tests;

/// <summary>
/// Headless freedesktop integration: install into a temporary XDG_DATA_HOME through the rsgconv command line
/// (the built rsgconv, run by a wrapper on PATH), check that gio and xdg-mime name the type,
/// and run the installed .thumbnailer's Exec line the way a thumbnail factory does.
/// Needs shared-mime-info (update-mime-database), libglib2.0-bin (gio) and xdg-utils (xdg-mime); a missing
/// tool fails the test with the package to install.
/// </summary>
public sealed class LinuxIntegrationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rsg-shell-").FullName;

    private string DataHome => Path.Combine(_root, "data");

    private string Bin => Path.Combine(_root, "bin");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void MimePackageIsValidSharedMimeInfoXml()
    {
        XNamespace ns = "http://www.freedesktop.org/standards/shared-mime-info";
        XElement type = XDocument.Parse(LinuxShellIntegration.MimePackageXml).Root!.Element(ns + "mime-type")!;
        Assert.Equal("image/x-rsg", (string?)type.Attribute("type"));
        Assert.Equal("*.rsg", (string?)type.Element(ns + "glob")!.Attribute("pattern"));
        XElement match = type.Element(ns + "magic")!.Element(ns + "match")!;
        Assert.Equal("0", (string?)match.Attribute("offset"));
        Assert.Equal(@"\x89RSG\r\n\x1a\n", (string?)match.Attribute("value"));   // spec/rsg.md §3.1
    }

    [Fact]
    public void ThumbnailerEntryRunsRsgconvThumbnail()
    {
        Assert.Equal("[Thumbnailer Entry]\nTryExec=rsgconv\nExec=rsgconv thumbnail --force --size %s %i %o\nMimeType=image/x-rsg;\n",
            LinuxShellIntegration.ThumbnailerEntry());
        Assert.Contains("Exec=\"/opt/my tools/rsgconv\" thumbnail", LinuxShellIntegration.ThumbnailerEntry("/opt/my tools/rsgconv"));
        Assert.Contains("TryExec=/usr/bin/dotnet\nExec=/usr/bin/dotnet /opt/rsgconv.dll thumbnail --force --size %s %i %o\n",
            LinuxShellIntegration.ThumbnailerEntry("/usr/bin/dotnet", ["/opt/rsgconv.dll"]));
    }

    [Fact]
    public void SystemTargetIsUnderUsrAndStagesWithoutUpdating()
    {
        LinuxInstallTarget system = LinuxInstallTarget.System();
        Assert.Equal("/usr/share", system.DataDirectory);
        Assert.Equal("/usr/bin/rsgconv", system.ThumbnailerProgram);
        Assert.True(system.UpdateMimeDatabase);

        LinuxInstallTarget staged = LinuxInstallTarget.System("/usr", Path.Combine(_root, "stage"));
        Assert.Equal(Path.Combine(_root, "stage", "usr", "share"), staged.DataDirectory);
        Assert.False(staged.UpdateMimeDatabase);
        IReadOnlyList<string> files = LinuxShellIntegration.Install(staged);
        Assert.Equal(
            [Path.Combine(_root, "stage/usr/share/mime/packages/regioncodec-rsg.xml"), Path.Combine(_root, "stage/usr/share/thumbnailers/regioncodec-rsg.thumbnailer")],
            files);
        Assert.Contains("Exec=/usr/bin/rsgconv thumbnail --force --size %s %i %o", File.ReadAllText(files[1]));
        Assert.False(Directory.Exists(Path.Combine(_root, "stage/usr/share/mime/image")));   // no database built when staging
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void UserInstallMakesGioAndXdgMimeNameTheTypeAndTheThumbnailerProducesAPng()
    {
        Run.Require("update-mime-database", "shared-mime-info");
        Run.Require("gio", "libglib2.0-bin");
        Run.Require("xdg-mime", "xdg-utils");
        WriteRsgconvWrapper();
        Dictionary<string, string> env = Environment();

        // rsgconv shell install --user
        (int code, string output, string error) = Run.Tool(Path.Combine(Bin, "rsgconv"), "dotnet", ["shell", "install", "--user"], env);
        Assert.True(code == 0, $"install failed ({code}): {output}{error}");
        Assert.True(File.Exists(Path.Combine(DataHome, "mime", "packages", "regioncodec-rsg.xml")));
        Assert.True(File.Exists(Path.Combine(DataHome, "mime", "image", "x-rsg.xml")), "update-mime-database did not run");
        string thumbnailer = Path.Combine(DataHome, "thumbnailers", "regioncodec-rsg.thumbnailer");
        Assert.True(File.Exists(thumbnailer));

        // Detection: by name, by content alone, and through xdg-mime.
        string photo = Path.Combine(_root, "x.rsg");
        File.Copy(Repo.Valid("23-rgb420-3.5mp-photo.rsg"), photo);
        string noExtension = Path.Combine(_root, "picture");
        File.Copy(Repo.Valid("22-rgb420-portrait.rsg"), noExtension);
        Assert.Equal("image/x-rsg", ContentType(photo, env));
        Assert.Equal("image/x-rsg", ContentType(noExtension, env));
        (code, output, error) = Run.Tool("xdg-mime", "xdg-utils", ["query", "filetype", photo], env);
        Assert.True(code == 0, $"xdg-mime failed ({code}): {error}");
        Assert.Equal("image/x-rsg", output.Trim());

        // The thumbnailer's Exec line, with %s %i %o substituted as gnome-desktop and tumbler do.
        foreach (int size in new[] { 128, 256 })
        {
            string png = Path.Combine(_root, $"thumb-{size}.png");
            (code, output, error) = RunThumbnailer(thumbnailer, size, photo, png, env);
            Assert.True(code == 0, $"thumbnailer failed ({code}): {output}{error}");
            IImageInfo info = Image.Identify(png);
            RsgImageInfo source = RsgDecoder.Identify(File.ReadAllBytes(photo));
            Assert.Equal(RsgThumbnailer.FitSize(source.Width, source.Height, size), (info.Width, info.Height));
            Assert.Equal(size, Math.Max(info.Width, info.Height));
        }

        // A corrupt input: non-zero exit and no output file (the factory then records a failure).
        string corrupt = Path.Combine(_root, "bad.rsg");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(photo).AsSpan(0, 5000).ToArray());
        string badPng = Path.Combine(_root, "bad.png");
        (code, _, _) = RunThumbnailer(thumbnailer, 128, corrupt, badPng, env);
        Assert.Equal(3, code);
        Assert.False(File.Exists(badPng));
        Assert.Empty(Directory.GetFiles(_root, "*.tmp"));

        // rsgconv shell uninstall --user
        (code, output, error) = Run.Tool(Path.Combine(Bin, "rsgconv"), "dotnet", ["shell", "uninstall", "--user"], env);
        Assert.True(code == 0, $"uninstall failed ({code}): {output}{error}");
        Assert.False(File.Exists(thumbnailer));
        Assert.False(File.Exists(Path.Combine(DataHome, "mime", "image", "x-rsg.xml")));
        Assert.NotEqual("image/x-rsg", ContentType(photo, env));
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["XDG_DATA_HOME"] = DataHome,
        ["XDG_DATA_DIRS"] = "/usr/local/share:/usr/share",
        ["XDG_CURRENT_DESKTOP"] = "GNOME",                  // xdg-mime then asks gio, which reads the shared MIME database
        ["HOME"] = _root,
        ["PATH"] = Bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
    };

    private static string ContentType(string path, Dictionary<string, string> env)
    {
        (int code, string output, string error) = Run.Tool("gio", "libglib2.0-bin", ["info", "-a", "standard::content-type", path], env);
        Assert.True(code == 0, $"gio info failed ({code}): {error}");
        string line = output.Split('\n').Single(l => l.Contains("standard::content-type:", StringComparison.Ordinal));
        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ').Last();
    }

    /// <summary>Runs the Exec line of a .thumbnailer file with GNOME's substitutions (%s size, %i input, %o output, %% percent).</summary>
    private static (int, string, string) RunThumbnailer(string thumbnailer, int size, string input, string output, Dictionary<string, string> env)
    {
        string exec = File.ReadAllLines(thumbnailer).Single(l => l.StartsWith("Exec=", StringComparison.Ordinal))["Exec=".Length..];
        string[] argv = exec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(token => token switch
        {
            "%s" => size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "%i" => input,
            "%o" => output,
            _ => token.Replace("%%", "%", StringComparison.Ordinal),
        }).ToArray();
        string program = argv[0].Contains('/', StringComparison.Ordinal) ? argv[0] : Path.Combine(env["PATH"].Split(':')[0], argv[0]);
        return Run.Tool(program, "dotnet", argv[1..], env);
    }

    /// <summary>An 'rsgconv' on PATH that runs the built rsgconv.dll (same configuration as this test assembly).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void WriteRsgconvWrapper()
    {
        Directory.CreateDirectory(Bin);
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string rsgconv = Path.Combine(Repo.Root, "Codec.Tools", "bin", configuration, "net10.0", "rsgconv.dll");
        Assert.True(File.Exists(rsgconv), $"{rsgconv} missing");
        string dotnet = System.Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        string script = Path.Combine(Bin, "rsgconv");
        File.WriteAllText(script, $"#!/bin/sh\nexec \"{dotnet}\" \"{rsgconv}\" \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
