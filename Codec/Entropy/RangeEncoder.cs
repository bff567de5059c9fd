using System.Runtime.CompilerServices;
using RegionCodec.Memory;

namespace RegionCodec.Entropy;

/// <summary>
/// Binary range encoder (spec/rsg.md §5.2): 32-bit range, 33-bit low with carry propagation through a
/// cached byte and a run of pending 0xFF bytes. A 1 takes the lower part of the range.
/// </summary>
internal struct RangeEncoder : IBinaryCoder
{
    private readonly PooledBufferWriter _output;
    private ulong _low;
    private uint _range;
    private byte _cache;
    private long _pending;
    private bool _first;

    public RangeEncoder(PooledBufferWriter output)
    {
        _output = output;
        _low = 0;
        _range = 0xFFFFFFFF;
        _cache = 0;
        _pending = 1;
        _first = true;
    }

    public readonly bool IsDecoder => false;

    public readonly int Position => _output.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Code(ref BitModel model, int bit)
    {
        uint bound = (uint)(((ulong)_range * model.ProbabilityOfOne) >> 16);
        if (bit != 0)
        {
            _range = bound;
        }
        else
        {
            _low += bound;
            _range -= bound;
        }

        model.Update(bit);
        while (_range < (1u << 24))
        {
            _range <<= 8;
            ShiftLow();
        }

        return bit;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CodeSymbol(Span<ushort> model, int symbols, int symbol)
    {
        uint scale = _range >> SymbolModel.TotalBits;
        int next = model[symbol + 1];
        uint low = scale * model[symbol];
        _low += low;
        _range = symbol == symbols - 1 ? _range - low : scale * (uint)(next - model[symbol]);
        SymbolModel.Update(model, symbols, symbol);
        Normalize();
        return symbol;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CodeBypass(int bits, int value)
    {
        for (int i = bits - 1; i >= 0; i--)
        {
            _range >>= 1;
            if (((value >> i) & 1) != 0)
            {
                _low += _range;
            }

            Normalize();
        }

        return value & (int)((1u << bits) - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Normalize()
    {
        while (_range < (1u << 24))
        {
            _range <<= 8;
            ShiftLow();
        }
    }

    /// <summary>Writes the final bytes; trailing zero bytes are dropped because the decoder reads zeros past the end.</summary>
    public void Finish()
    {
        for (int i = 0; i < 5; i++)
        {
            ShiftLow();
        }

        _output.TrimTrailingZeros();
    }

    private void ShiftLow()
    {
        if (_low < 0xFF000000UL || _low > 0xFFFFFFFFUL)
        {
            byte carry = (byte)(_low >> 32);
            byte value = _cache;
            do
            {
                // The very first byte is always 0 and carries nothing: it is not written.
                if (!_first)
                {
                    _output.WriteByte((byte)(value + carry));
                }

                _first = false;
                value = 0xFF;
            }
            while (--_pending != 0);

            _cache = (byte)(_low >> 24);
        }

        _pending++;
        _low = (_low & 0x00FFFFFFUL) << 8;
    }
}
