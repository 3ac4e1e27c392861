namespace Overal.Core; internal static class Placeholder;
