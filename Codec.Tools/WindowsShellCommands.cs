using System.ComponentModel;
using RegionCodec.Shell;
using Spectre.Console.Cli;

namespace RegionCodec.Tools;

internal sealed class WindowsRegisterSettings : CommonSettings
{
    [CommandOption("--comhost <PATH>")]
    [Description("The thumbnail provider's comhost (default: " + WindowsShellRegistration.ComHostFileName + " beside rsgconv).")]
    public string? ComHost { get; set; }
}

/// <summary>rsgconv shell register: Explorer thumbnails for .rsg, per user (HKCU).</summary>
internal sealed class WindowsRegisterCommand : Command<WindowsRegisterSettings>
{
    public override int Execute(CommandContext context, WindowsRegisterSettings settings, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new UsageException("shell register: Windows only (on Linux use 'rsgconv shell install --user')");
        }

        string comHost = settings.ComHost ?? Path.Combine(AppContext.BaseDirectory, WindowsShellRegistration.ComHostFileName);
        if (!File.Exists(comHost))
        {
            throw new ToolException(ExitCodes.IoError, $"{comHost}: not found; pass --comhost PATH");
        }

        Register(Path.GetFullPath(comHost));
        Console.Out.WriteLine($"registered the .rsg thumbnail provider {WindowsShellRegistration.ProviderClsid} for this user (HKCU): {Path.GetFullPath(comHost)}");
        return ExitCodes.Ok;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static void Register(string comHost) => Desktop.Run(() =>
    {
        WindowsShellRegistration.Register(new Win32RegistryWriter(), comHost);
        WindowsShellRegistration.NotifyAssociationsChanged();
        return 0;
    });
}

/// <summary>rsgconv shell unregister: removes what register wrote.</summary>
internal sealed class WindowsUnregisterCommand : Command<CommonSettings>
{
    public override int Execute(CommandContext context, CommonSettings settings, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new UsageException("shell unregister: Windows only (on Linux use 'rsgconv shell uninstall --user')");
        }

        Unregister();
        Console.Out.WriteLine($"unregistered the .rsg thumbnail provider {WindowsShellRegistration.ProviderClsid} for this user (HKCU)");
        return ExitCodes.Ok;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static void Unregister() => Desktop.Run(() =>
    {
        WindowsShellRegistration.Unregister(new Win32RegistryWriter());
        WindowsShellRegistration.NotifyAssociationsChanged();
        return 0;
    });
}
