namespace RegionCodec.Shell.Windows.Tests;

/// <summary>Where the Windows programs run: <see cref="WineHost"/> on Linux, <see cref="NativeWindowsHost"/> on Windows.</summary>
internal interface IWindowsHost : IDisposable
{
    /// <summary>"Wine 8.0 (Debian package)" or "Windows 10.0.x", for messages.</summary>
    string Description { get; }

    /// <summary>Runs a win-x64 program (given by its path on this machine); path arguments must go through <see cref="ToWindowsPath"/>.</summary>
    ProcessResult Run(string program, params string[] args);

    /// <summary>The path as the Windows program sees it.</summary>
    string ToWindowsPath(string path);

    /// <summary>Called after 'rsgconv shell register' and before COM is asked for the class (see <see cref="WineHost"/>).</summary>
    void AfterRegister(string clsid);

    /// <summary>Undoes <see cref="AfterRegister"/>, after 'rsgconv shell unregister' and its checks.</summary>
    void AfterUnregister(string clsid);

    /// <summary>Whether Explorer's IShellItemImageFactory route produces thumbnails here (not under Wine).</summary>
    bool HasShellThumbnailCache { get; }
}
