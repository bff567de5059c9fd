using System.Runtime.InteropServices;
using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>Thrown when OpenCvSharp's native library cannot be loaded; the message names the Debian packages to install.</summary>
public sealed class OpenCvUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Loading checks and conversions between interleaved pixels and Mats.</summary>
public static class OpenCvRuntime
{
    private static readonly Lazy<string> VersionLazy = new(LoadVersion, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The OpenCV version, loading the native library first; throws <see cref="OpenCvUnavailableException"/> when it cannot load.</summary>
    public static string Version => VersionLazy.Value;

    /// <summary>Loads the native library now (the first segmenter call does it too).</summary>
    public static void EnsureLoaded() => _ = VersionLazy.Value;

    private static string LoadVersion()
    {
        try
        {
            return Cv2.GetVersionString() ?? "unknown";
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            throw new OpenCvUnavailableException(
                "OpenCvSharp's native library (libOpenCvSharpExtern.so from OpenCvSharp4.official.runtime.linux-x64) could not be loaded. " +
                "It links GTK 3: on Debian/Ubuntu run `apt-get install -y libgtk-3-0` (it brings libgdk-3, pango, cairo, libepoxy0 and the wayland libraries). " +
                $"Loader message: {Innermost(e).Message}", e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    /// <summary>Copies interleaved pixels into a new 8-bit BGR Mat (the caller disposes it).</summary>
    public static Mat ToBgrMat(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format)
    {
        EnsureLoaded();
        RsgLuma.Validate(pixels, width, height, stride, format);
        var mat = new Mat(height, width, MatType.CV_8UC3);
        var row = new byte[width * 3];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> src = pixels.Slice(y * stride);
            switch (format)
            {
                case RsgPixelFormat.Gray8 or RsgPixelFormat.GrayAlpha16:
                    int step = format.BytesPerPixel();
                    for (int x = 0; x < width; x++)
                    {
                        row[(x * 3) + 0] = row[(x * 3) + 1] = row[(x * 3) + 2] = src[x * step];
                    }

                    break;
                case RsgPixelFormat.Bgr24:
                    src[..(width * 3)].CopyTo(row);
                    break;
                default:
                    int bpp = format is RsgPixelFormat.Rgb24 ? 3 : 4;
                    bool rgb = format is RsgPixelFormat.Rgb24 or RsgPixelFormat.Rgba32;
                    for (int x = 0; x < width; x++)
                    {
                        int i = x * bpp;
                        row[(x * 3) + 0] = rgb ? src[i + 2] : src[i];
                        row[(x * 3) + 1] = src[i + 1];
                        row[(x * 3) + 2] = rgb ? src[i] : src[i + 2];
                    }

                    break;
            }

            Marshal.Copy(row, 0, mat.Ptr(y), row.Length);
        }

        return mat;
    }

    /// <summary>Copies a single-channel 8-bit Mat into a packed byte array.</summary>
    public static byte[] ToBytes(Mat mat)
    {
        ArgumentNullException.ThrowIfNull(mat);
        if (mat.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException($"Expected CV_8UC1, got {mat.Type()}.", nameof(mat));
        }

        int rows = mat.Rows, cols = mat.Cols;
        var bytes = new byte[(long)rows * cols];
        for (int y = 0; y < rows; y++)
        {
            Marshal.Copy(mat.Ptr(y), bytes, y * cols, cols);
        }

        return bytes;
    }

    /// <summary>A new CV_8UC1 Mat holding packed bytes.</summary>
    public static Mat FromBytes(byte[] bytes, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var mat = new Mat(height, width, MatType.CV_8UC1);
        for (int y = 0; y < height; y++)
        {
            Marshal.Copy(bytes, y * width, mat.Ptr(y), width);
        }

        return mat;
    }

    /// <summary>Opening then closing of a 0/255 mask with an elliptical kernel of the given diameter, in place.</summary>
    public static void OpenClose(Mat mask, int diameter)
    {
        if (diameter < 2)
        {
            return;
        }

        using Mat kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(diameter, diameter));
        Cv2.MorphologyEx(mask, mask, MorphTypes.Open, kernel);
        Cv2.MorphologyEx(mask, mask, MorphTypes.Close, kernel);
    }

    /// <summary>Side of the morphology kernel for an image: about 1% of its shorter side, at least 3 pixels.</summary>
    public static int KernelFor(int width, int height) => Math.Max(3, (Math.Min(width, height) / 100) | 1);
}
