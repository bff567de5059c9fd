using System.Buffers;

namespace RegionCodec.Alpha;

/// <summary>
/// One strip's alpha samples (image width × strip rows, packed), pooled and reused from strip to strip,
/// plus the all-opaque row that stands above a strip's first row (spec/rsg.md §9.4).
/// </summary>
internal sealed class AlphaPlane : IDisposable
{
    private byte[] _samples = [];
    private byte[] _opaque = [];

    /// <summary>Samples per row: the image width.</summary>
    public int Width { get; private set; }

    /// <summary>Rows of the current strip.</summary>
    public int Rows { get; private set; }

    /// <summary>Sizes the plane for a strip of <paramref name="rows"/> rows of <paramref name="width"/> samples.</summary>
    public void Prepare(int width, int rows)
    {
        int size = checked(width * rows);
        if (_samples.Length < size)
        {
            ReturnSamples();
            _samples = ArrayPool<byte>.Shared.Rent(size);
        }

        if (_opaque.Length != width)
        {
            _opaque = new byte[width];
            _opaque.AsSpan().Fill(255);
        }

        Width = width;
        Rows = rows;
    }

    public Span<byte> Row(int y) => _samples.AsSpan(y * Width, Width);

    /// <summary>The row above row <paramref name="y"/>: the previous row, or all 255 for the strip's first.</summary>
    public ReadOnlySpan<byte> Above(int y) => y == 0 ? _opaque : _samples.AsSpan((y - 1) * Width, Width);

    /// <summary>All samples of the strip, row-major.</summary>
    public Span<byte> Samples => _samples.AsSpan(0, Width * Rows);

    public void Dispose() => ReturnSamples();

    private void ReturnSamples()
    {
        if (_samples.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_samples);
            _samples = [];
        }
    }
}
