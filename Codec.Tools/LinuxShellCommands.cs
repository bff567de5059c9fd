using System.ComponentModel;
using RegionCodec.Shell;
using Spectre.Console.Cli;

namespace RegionCodec.Tools;

internal sealed class LinuxShellSettings : CommonSettings
{
    [CommandOption("--user")]
    [Description("For this user: $XDG_DATA_HOME (~/.local/share); the thumbnailer runs this rsgconv by its absolute path.")]
    public bool User { get; set; }

    [CommandOption("--system")]
    [Description("System-wide under PREFIX/share (root, or packagers with --destdir); the thumbnailer runs PREFIX/bin/rsgconv.")]
    public bool System { get; set; }

    [CommandOption("--prefix <P>")]
    [Description("--system: the prefix (default /usr).")]
    public string? Prefix { get; set; }

    [CommandOption("--destdir <D>")]
    [Description("--system: stage under D (packaging); the MIME database is then not refreshed.")]
    public string? DestDir { get; set; }

    [CommandOption("--program <CMD>")]
    [Description("The rsgconv the thumbnailer runs (default: --user this program's absolute path, --system PREFIX/bin/rsgconv).")]
    public string? Program { get; set; }

    public override Spectre.Console.ValidationResult Validate() =>
        User == System ? Spectre.Console.ValidationResult.Error("give exactly one of --user and --system") : base.Validate();

    public LinuxInstallTarget Target()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new UsageException("this installs freedesktop (Linux) files; on Windows use 'rsgconv shell register'");
        }

        if (User)
        {
            (string program, IReadOnlyList<string> arguments) = Program is null ? RunningProgram.Command() : (Program, []);
            return LinuxInstallTarget.User(program, arguments);
        }

        return LinuxInstallTarget.System(Prefix ?? "/usr", DestDir, Program);
    }
}

/// <summary>rsgconv shell install --user|--system: the MIME type and the thumbnailer, checked by running it.</summary>
internal sealed class LinuxInstallCommand : Command<LinuxShellSettings>
{
    public override int Execute(CommandContext context, LinuxShellSettings settings, CancellationToken cancellationToken)
    {
        LinuxInstallTarget target = settings.Target();
        IReadOnlyList<string> files = Desktop.Run(() => LinuxShellIntegration.Install(target));
        string exec = ThumbnailerCheck.Describe(target.ThumbnailerProgram, target.ThumbnailerArguments);
        if (settings.User && ThumbnailerCheck.Run(target.ThumbnailerProgram, target.ThumbnailerArguments) is string failure)
        {
            // An entry that cannot run only makes thumbnails silently never appear: take it back out.
            Desktop.Run(() => LinuxShellIntegration.Uninstall(target));
            throw new ToolException(ExitCodes.MissingDependency,
                $"the thumbnailer command '{exec}' failed on a test image ({failure}); nothing installed (pass --program with the absolute path of rsgconv)");
        }

        foreach (string file in files)
        {
            Console.Out.WriteLine($"wrote {file}");
        }

        if (target.UpdateMimeDatabase)
        {
            Console.Out.WriteLine($"updated {Path.Combine(target.DataDirectory, "mime")}");
        }

        Console.Out.WriteLine($"thumbnailer: {exec}" + (settings.User ? " (checked: it thumbnailed a test image)" : string.Empty));
        return ExitCodes.Ok;
    }
}

/// <summary>rsgconv shell uninstall --user|--system: removes what install wrote.</summary>
internal sealed class LinuxUninstallCommand : Command<LinuxShellSettings>
{
    public override int Execute(CommandContext context, LinuxShellSettings settings, CancellationToken cancellationToken)
    {
        LinuxInstallTarget target = settings.Target();
        foreach (string file in Desktop.Run(() => LinuxShellIntegration.Uninstall(target)))
        {
            Console.Out.WriteLine($"removed {file}");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>The shell commands' failures as rsgconv's exit codes.</summary>
internal static class Desktop
{
    public static T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (InvalidOperationException e)
        {
            // update-mime-database missing or failing (package shared-mime-info), a registry write refused.
            throw new ToolException(ExitCodes.MissingDependency, Errors.OneLine(e.Message), e);
        }
    }
}
