namespace RegionCodec.Shell.Windows.Tests;

/// <summary>
/// A real Windows machine (the hosted runner of .github/workflows/windows.yml). The framework-dependent comhost
/// and harness use the machine's .NET install (C:\Program Files\dotnet, as setup-dotnet leaves it), and COM finds
/// the per-user registration through HKEY_CLASSES_ROOT's merged HKCU view, so nothing needs preparing.
/// </summary>
internal sealed class NativeWindowsHost : IWindowsHost
{
    public string Description => $"Windows {Environment.OSVersion.Version}";

    public bool HasShellThumbnailCache => true;

    public ProcessResult Run(string program, params string[] args) => ProcessRunner.Run(program, args);

    public string ToWindowsPath(string path) => Path.GetFullPath(path);

    public void AfterRegister(string clsid)
    {
    }

    public void AfterUnregister(string clsid)
    {
    }

    public void Dispose()
    {
    }
}
