using System.Buffers;

namespace RegionCodec.Lossless;

/// <summary>
/// One strip's lossless plane (spec/rsg.md §9.5): a packed colour per pixel (R | G &lt;&lt; 8 | B &lt;&lt; 16, or the
/// gray level) and how it was coded, image width × strip rows, pooled and reused from strip to strip.
/// Pixels outside the lossless cells hold the defined filler value, never DCT output.
/// </summary>
internal sealed class LosslessPlane : IDisposable
{
    private int[] _colours = [];
    private byte[] _kinds = [];
    private byte[] _errors = [];

    /// <summary>Pixels per row: the image width.</summary>
    public int Width { get; private set; }

    /// <summary>Rows of the current strip.</summary>
    public int Rows { get; private set; }

    /// <summary>Sizes the plane for a strip of <paramref name="rows"/> rows of <paramref name="width"/> pixels.</summary>
    public void Prepare(int width, int rows)
    {
        int size = checked(width * rows);
        if (_colours.Length < size)
        {
            Dispose();
            _colours = ArrayPool<int>.Shared.Rent(size);
            _kinds = ArrayPool<byte>.Shared.Rent(size);
            _errors = ArrayPool<byte>.Shared.Rent(size);
        }

        Width = width;
        Rows = rows;
    }

    /// <summary>Row <paramref name="y"/>'s packed colours.</summary>
    public Span<int> Row(int y) => _colours.AsSpan(y * Width, Width);

    /// <summary>Row <paramref name="y"/>'s coding kinds (see <see cref="LosslessContexts.Kinds"/>).</summary>
    public Span<byte> Kinds(int y) => _kinds.AsSpan(y * Width, Width);

    /// <summary>Row <paramref name="y"/>'s prediction error sizes: min(255, sum of the channels' |residual|), 0 for a copied pixel.</summary>
    public Span<byte> Errors(int y) => _errors.AsSpan(y * Width, Width);

    public void Dispose()
    {
        if (_colours.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_colours);
            ArrayPool<byte>.Shared.Return(_kinds);
            ArrayPool<byte>.Shared.Return(_errors);
        }

        _colours = [];
        _kinds = [];
        _errors = [];
    }
}
