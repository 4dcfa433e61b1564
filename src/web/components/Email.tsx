/**
 * An e-mail address that, when it must wrap, breaks before its @ and nowhere
 * else: not at the hyphen of "us-analyst", not in the middle of a word.
 */
export function Email({ address }: { address: string }) {
  const at = address.indexOf('@');
  if (at <= 0) return <span className="parley-break">{address}</span>;
  return (
    <span className="parley-email">
      <span>{address.slice(0, at)}</span>
      <wbr />
      <span>{address.slice(at)}</span>
    </span>
  );
}
