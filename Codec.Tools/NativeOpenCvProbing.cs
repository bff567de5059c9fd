using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RegionCodec.Tools;

/// <summary>
/// Lets the native (Native AOT) rsgconv find OpenCvSharp's native library next to the executable.
/// The managed rsgconv finds it through rsgconv.deps.json (runtimes/linux-x64/native); a native executable has no
/// deps.json and dlopen only searches the system paths, so without this every OpenCV segmenter would report
/// "OpenCvSharpExtern could not be loaded" although `dotnet publish` copied libOpenCvSharpExtern.so beside rsgconv.
/// </summary>
internal static class NativeOpenCvProbing
{
    private const string OpenCvLibrary = "OpenCvSharpExtern";

    // A module initializer so that Program (being reworked elsewhere) needs no call; it only registers a resolver,
    // it loads nothing, and under the JIT it does nothing at all.
#pragma warning disable CA2255 // application code: deliberate, see above
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            return; // JIT: the host resolves native libraries from the deps.json
        }

        NativeLibrary.SetDllImportResolver(typeof(OpenCvSharp.Cv2).Assembly, Resolve);
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != OpenCvLibrary)
        {
            return IntPtr.Zero;
        }

        string besideExecutable = Path.Combine(AppContext.BaseDirectory, $"lib{OpenCvLibrary}.so");
        // Zero falls back to the default search (LD_LIBRARY_PATH, system directories), whose failure names the packages.
        return NativeLibrary.TryLoad(besideExecutable, out IntPtr handle) ? handle : IntPtr.Zero;
    }
}
