using System.Diagnostics;
using System.Text;

namespace RegionCodec.Shell;

/// <summary>Where <see cref="LinuxShellIntegration"/> installs.</summary>
public sealed record LinuxInstallTarget
{
    /// <summary>
    /// The XDG data directory that receives <c>mime/packages/</c> and <c>thumbnailers/</c>:
    /// <c>$XDG_DATA_HOME</c> (default <c>~/.local/share</c>) for a user install, <c>/usr/share</c> system-wide.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>The thumbnailer command before its arguments, e.g. <c>rsgconv</c> or <c>/usr/bin/rsgconv</c>.</summary>
    public string ThumbnailerProgram { get; init; } = "rsgconv";

    /// <summary>Arguments between the program and <c>thumbnail</c>, e.g. the path of rsgconv.dll when the program is the <c>dotnet</c> host.</summary>
    public IReadOnlyList<string> ThumbnailerArguments { get; init; } = [];

    /// <summary>
    /// Whether to run <c>update-mime-database</c> on <c>DataDirectory/mime</c> afterwards. Packagers that stage into
    /// a DESTDIR turn it off: the distribution's trigger runs it on the real system.
    /// </summary>
    public bool UpdateMimeDatabase { get; init; } = true;

    /// <summary>A user install: <c>$XDG_DATA_HOME</c>, or <c>$HOME/.local/share</c> when it is unset or not absolute.</summary>
    /// <param name="thumbnailerProgram">Best an absolute path: file managers do not search the user's PATH (~/.dotnet/tools is often not on theirs).</param>
    public static LinuxInstallTarget User(string thumbnailerProgram = "rsgconv", IReadOnlyList<string>? thumbnailerArguments = null)
    {
        string? dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome) || !Path.IsPathRooted(dataHome))
        {
            string home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            dataHome = Path.Combine(home, ".local", "share");
        }

        return new LinuxInstallTarget { DataDirectory = dataHome, ThumbnailerProgram = thumbnailerProgram, ThumbnailerArguments = thumbnailerArguments ?? [] };
    }

    /// <summary>
    /// A system-wide install for packagers: files under <c>{destDir}{prefix}/share</c>, the thumbnailer command
    /// <c>{prefix}/bin/rsgconv</c> (GNOME runs thumbnailers in a bubblewrap sandbox that only exposes /usr, so
    /// the tool, and its .NET runtime unless it is a self-contained publish, must live under /usr).
    /// With a <paramref name="destDir"/> (staging) the MIME database is not refreshed.
    /// </summary>
    public static LinuxInstallTarget System(string prefix = "/usr", string? destDir = null, string? thumbnailerProgram = null) => new()
    {
        DataDirectory = string.IsNullOrEmpty(destDir)
            ? Path.Combine(prefix, "share")
            : Path.Combine(destDir, prefix.TrimStart('/'), "share"),
        ThumbnailerProgram = thumbnailerProgram ?? Path.Combine(prefix, "bin", "rsgconv"),
        UpdateMimeDatabase = string.IsNullOrEmpty(destDir),
    };
}

/// <summary>
/// freedesktop.org integration for .rsg: a shared-mime-info package (<c>image/x-rsg</c>, the 8-byte signature of
/// spec/rsg.md §3.1 as magic, glob <c>*.rsg</c>) and a <c>.thumbnailer</c> entry running
/// <c>rsgconv thumbnail --force --size %s %i %o</c>, understood by GNOME (gnome-desktop), XFCE (tumbler), Plasma 6 and others.
/// </summary>
public static class LinuxShellIntegration
{
    public const string MimeType = "image/x-rsg";

    /// <summary>File name under <c>mime/packages/</c>.</summary>
    public const string MimePackageFileName = "regioncodec-rsg.xml";

    /// <summary>File name under <c>thumbnailers/</c>.</summary>
    public const string ThumbnailerFileName = "regioncodec-rsg.thumbnailer";

    /// <summary>The shared-mime-info package (Shared MIME-info Database spec 0.21).</summary>
    public static string MimePackageXml { get; } =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
          <mime-type type="image/x-rsg">
            <comment>RSG image</comment>
            <comment xml:lang="en">RSG region-coded image</comment>
            <acronym>RSG</acronym>
            <generic-icon name="image-x-generic"/>
            <magic priority="60">
              <match type="string" offset="0" value="\x89RSG\r\n\x1a\n"/>
            </magic>
            <glob pattern="*.rsg"/>
          </mime-type>
        </mime-info>

        """.ReplaceLineEndings("\n");

    /// <summary>
    /// The <c>.thumbnailer</c> key file; <paramref name="program"/> is the rsgconv command (a name on PATH or an absolute
    /// path), <paramref name="arguments"/> any arguments before <c>thumbnail</c>. <c>--force</c> because thumbnail
    /// factories (gnome-desktop) create the output file before they run the thumbnailer.
    /// </summary>
    public static string ThumbnailerEntry(string program = "rsgconv", IReadOnlyList<string>? arguments = null)
    {
        string exec = QuoteExec(program);
        var text = new StringBuilder();
        text.Append("[Thumbnailer Entry]\n");
        text.Append("TryExec=").Append(exec).Append('\n');
        text.Append("Exec=").Append(ExecCommand(program, arguments)).Append(" %s %i %o\n");
        text.Append("MimeType=").Append(MimeType).Append(";\n");
        return text.ToString();
    }

    /// <summary>The Exec line up to the size placeholder: program, its arguments, <c>thumbnail --force --size</c>.</summary>
    public static string ExecCommand(string program, IReadOnlyList<string>? arguments = null) =>
        string.Join(' ', new[] { program }.Concat(arguments ?? []).Select(QuoteExec)) + " thumbnail --force --size";

    /// <summary>Writes the MIME package and the thumbnailer entry, then refreshes the MIME database. Returns the files written.</summary>
    /// <exception cref="InvalidOperationException"><c>update-mime-database</c> is missing or failed (package shared-mime-info).</exception>
    public static IReadOnlyList<string> Install(LinuxInstallTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        string mimePackage = Path.Combine(target.DataDirectory, "mime", "packages", MimePackageFileName);
        string thumbnailer = Path.Combine(target.DataDirectory, "thumbnailers", ThumbnailerFileName);
        WriteAtomically(mimePackage, MimePackageXml);
        WriteAtomically(thumbnailer, ThumbnailerEntry(target.ThumbnailerProgram, target.ThumbnailerArguments));
        if (target.UpdateMimeDatabase)
        {
            UpdateMimeDatabase(Path.Combine(target.DataDirectory, "mime"));
        }

        return [mimePackage, thumbnailer];
    }

    /// <summary>Removes what <see cref="Install"/> wrote and refreshes the MIME database. Returns the files removed.</summary>
    public static IReadOnlyList<string> Uninstall(LinuxInstallTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        List<string> removed = [];
        foreach (string file in new[]
                 {
                     Path.Combine(target.DataDirectory, "mime", "packages", MimePackageFileName),
                     Path.Combine(target.DataDirectory, "thumbnailers", ThumbnailerFileName),
                 })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
                removed.Add(file);
            }
        }

        string mime = Path.Combine(target.DataDirectory, "mime");
        if (target.UpdateMimeDatabase && Directory.Exists(Path.Combine(mime, "packages")))
        {
            UpdateMimeDatabase(mime);
        }

        return removed;
    }

    /// <summary>Runs <c>update-mime-database DIR</c>.</summary>
    public static void UpdateMimeDatabase(string mimeDirectory)
    {
        var start = new ProcessStartInfo("update-mime-database") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(mimeDirectory);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("update-mime-database did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("update-mime-database was not found; install the shared-mime-info package.", e);
        }

        using (process)
        {
            Task<string> error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"update-mime-database {mimeDirectory} failed ({process.ExitCode}): {error.Result.Trim()}");
            }
        }
    }

    /// <summary>Quotes a program path for a desktop-entry Exec line when it holds spaces or reserved characters.</summary>
    private static string QuoteExec(string program)
    {
        if (program.IndexOfAny([' ', '\t', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')', '`']) < 0)
        {
            return program;
        }

        // Desktop Entry spec: inside double quotes, escape " ` $ \ with a backslash; the key-file layer doubles backslashes.
        var quoted = new StringBuilder("\"");
        foreach (char c in program)
        {
            if (c is '"' or '`' or '$' or '\\')
            {
                quoted.Append(@"\\");
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    private static void WriteAtomically(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
