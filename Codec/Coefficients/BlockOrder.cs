namespace RegionCodec.Coefficients;

/// <summary>Where one block sits: its plane and its strip-local block coordinates.</summary>
internal readonly record struct BlockPosition(int Component, int X, int Y);

/// <summary>
/// The normative order of a strip's blocks (spec/rsg.md §8, §9.2): MCU rows top to bottom, MCUs left
/// to right, and in each MCU the luma blocks in raster order (2x2 for 4:2:0, else 1) then Cb, then Cr.
/// A struct enumerable, so <c>foreach</c> over it allocates nothing.
/// </summary>
internal readonly struct BlockOrder(FrameHeader header, int mcuRows)
{
    public Enumerator GetEnumerator() => new(header, mcuRows);

    public struct Enumerator
    {
        private readonly int _mcuCols, _mcuRows, _lumaSide, _slots;
        private int _mcuX, _mcuY, _slot;

        public Enumerator(FrameHeader header, int mcuRows)
        {
            _mcuCols = header.McuCols;
            _mcuRows = mcuRows;
            _lumaSide = header.LumaBlocksPerMcuSide;
            _slots = (_lumaSide * _lumaSide) + header.ComponentCount - 1;
            _mcuX = 0;
            _mcuY = 0;
            _slot = -1;
        }

        public readonly BlockPosition Current
        {
            get
            {
                int lumaBlocks = _lumaSide * _lumaSide;
                return _slot < lumaBlocks
                    ? new BlockPosition(0, (_mcuX * _lumaSide) + (_slot % _lumaSide), (_mcuY * _lumaSide) + (_slot / _lumaSide))
                    : new BlockPosition(_slot - lumaBlocks + 1, _mcuX, _mcuY);
            }
        }

        public bool MoveNext()
        {
            if (++_slot < _slots)
            {
                return _mcuY < _mcuRows;
            }

            _slot = 0;
            if (++_mcuX == _mcuCols)
            {
                _mcuX = 0;
                _mcuY++;
            }

            return _mcuY < _mcuRows;
        }
    }
}
