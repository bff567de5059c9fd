namespace RegionCodec.Shell;

/// <summary>
/// The rsgconv subcommands of the shell integration, as functions returning rsgconv's exit codes
/// (0 success, 2 bad command line, 3 corrupt or unsupported input, 4 a file could not be read or written,
/// 5 a required system tool failed). rsgconv forwards the arguments after the subcommand name:
/// <c>thumbnail -s SIZE IN OUT</c>; <c>shell install --user|--system [--prefix P] [--destdir D] [--program CMD]</c>;
/// <c>shell uninstall --user|--system [...]</c>; <c>shell register [--comhost PATH]</c>; <c>shell unregister</c>.
/// </summary>
public static class ShellCommandLine
{
    public const int Success = 0, BadCommandLine = 2, BadInput = 3, IoError = 4, ToolFailed = 5;

    public const string ThumbnailUsage = "usage: rsgconv thumbnail -s SIZE IN.rsg OUT.png";

    public const string ShellUsage =
        "usage: rsgconv shell install|uninstall --user|--system [--prefix /usr] [--destdir DIR] [--program CMD]\n" +
        "       rsgconv shell register [--comhost PATH] | unregister        (Windows; per user, HKCU)";

    /// <summary><c>rsgconv thumbnail -s SIZE IN OUT</c>: the freedesktop thumbnailer command (Exec=... %s %i %o).</summary>
    public static int Thumbnail(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        int size = 256;
        List<string> paths = [];
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] is "-s" or "--size")
            {
                if (i + 1 >= args.Count || !int.TryParse(args[++i], out size) || size < 1 || size > RsgThumbnailer.MaxSize)
                {
                    error.WriteLine($"rsgconv thumbnail: -s needs a size from 1 to {RsgThumbnailer.MaxSize}");
                    return BadCommandLine;
                }
            }
            else
            {
                paths.Add(args[i]);
            }
        }

        if (paths.Count != 2)
        {
            error.WriteLine(ThumbnailUsage);
            return BadCommandLine;
        }

        try
        {
            (int w, int h) = RsgThumbnailer.WritePngThumbnail(paths[0], paths[1], size);
            output.WriteLine($"{paths[0]} -> {paths[1]} ({w}x{h})");
            return Success;
        }
        catch (RsgFormatException e)
        {
            error.WriteLine($"rsgconv thumbnail: {paths[0]}: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rsgconv thumbnail: {e.Message}");
            return IoError;
        }
    }

    /// <summary><c>rsgconv shell install|uninstall|register|unregister ...</c>.</summary>
    /// <param name="defaultComHost">Where <c>register</c> looks for the comhost without <c>--comhost</c>
    /// (rsgconv passes <c>Path.Combine(AppContext.BaseDirectory, WindowsShellRegistration.ComHostFileName)</c>).</param>
    public static int Shell(IReadOnlyList<string> args, TextWriter output, TextWriter error, string? defaultComHost = null)
    {
        if (args.Count == 0)
        {
            error.WriteLine(ShellUsage);
            return BadCommandLine;
        }

        string verb = args[0];
        bool user = false, system = false;
        string? prefix = null, destDir = null, program = null, comHost = defaultComHost;
        for (int i = 1; i < args.Count; i++)
        {
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--user": user = true; break;
                case "--system": system = true; break;
                case "--prefix": prefix = Next(); if (prefix is null) { goto default; } break;
                case "--destdir": destDir = Next(); if (destDir is null) { goto default; } break;
                case "--program": program = Next(); if (program is null) { goto default; } break;
                case "--comhost": comHost = Next(); if (comHost is null) { goto default; } break;
                default:
                    error.WriteLine($"rsgconv shell: unexpected '{args[i]}'\n{ShellUsage}");
                    return BadCommandLine;
            }
        }

        try
        {
            switch (verb)
            {
                case "install" or "uninstall":
                    if (user == system)
                    {
                        error.WriteLine($"rsgconv shell {verb}: give exactly one of --user and --system\n{ShellUsage}");
                        return BadCommandLine;
                    }

                    if (OperatingSystem.IsWindows())
                    {
                        error.WriteLine($"rsgconv shell {verb}: this installs freedesktop (Linux) files; on Windows use 'rsgconv shell register'");
                        return BadCommandLine;
                    }

                    LinuxInstallTarget target = user
                        ? LinuxInstallTarget.User(program ?? "rsgconv")
                        : LinuxInstallTarget.System(prefix ?? "/usr", destDir, program);
                    IReadOnlyList<string> files = verb == "install" ? LinuxShellIntegration.Install(target) : LinuxShellIntegration.Uninstall(target);
                    foreach (string file in files)
                    {
                        output.WriteLine($"{(verb == "install" ? "wrote" : "removed")} {file}");
                    }

                    if (target.UpdateMimeDatabase)
                    {
                        output.WriteLine($"updated {Path.Combine(target.DataDirectory, "mime")}");
                    }

                    return Success;

                case "register" or "unregister":
                    if (!OperatingSystem.IsWindows())
                    {
                        error.WriteLine($"rsgconv shell {verb}: Windows only (on Linux use 'rsgconv shell install --user')");
                        return BadCommandLine;
                    }

                    if (verb == "register")
                    {
                        if (comHost is null || !File.Exists(comHost))
                        {
                            error.WriteLine($"rsgconv shell register: {comHost ?? WindowsShellRegistration.ComHostFileName} not found; pass --comhost PATH");
                            return IoError;
                        }

                        WindowsShellRegistration.Register(new Win32RegistryWriter(), Path.GetFullPath(comHost));
                    }
                    else
                    {
                        WindowsShellRegistration.Unregister(new Win32RegistryWriter());
                    }

                    WindowsShellRegistration.NotifyAssociationsChanged();
                    output.WriteLine($"{verb}ed the .rsg thumbnail provider {WindowsShellRegistration.ProviderClsid} for this user (HKCU)");
                    return Success;

                default:
                    error.WriteLine($"rsgconv shell: unknown action '{verb}'\n{ShellUsage}");
                    return BadCommandLine;
            }
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"rsgconv shell {verb}: {e.Message}");
            return ToolFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rsgconv shell {verb}: {e.Message}");
            return IoError;
        }
    }
}
