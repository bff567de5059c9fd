namespace RegionCodec.Decoding;

/// <summary>Where the synchronous pump reads a file from: a stream, or a span already in memory.</summary>
internal interface IByteSource
{
    /// <summary>Copies up to <paramref name="count"/> bytes into <paramref name="buffer"/>; 0 at the end.</summary>
    int Read(byte[] buffer, int offset, int count);
}

/// <summary>Reads through <see cref="Stream.Read(byte[], int, int)"/>.</summary>
internal readonly struct StreamSource(Stream stream) : IByteSource
{
    public int Read(byte[] buffer, int offset, int count) => stream.Read(buffer, offset, count);
}

/// <summary>Hands out a span piece by piece, so that a pump copies only what its decoder asks for.</summary>
internal ref struct SpanSource(ReadOnlySpan<byte> data) : IByteSource
{
    private ReadOnlySpan<byte> _rest = data;

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, _rest.Length);
        _rest[..n].CopyTo(buffer.AsSpan(offset, n));
        _rest = _rest[n..];
        return n;
    }
}
