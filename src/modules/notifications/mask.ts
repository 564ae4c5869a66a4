/**
 * A recipient as officers see it on the notifications page: enough to recognise ("b***@x.id",
 * "0812****789"), not enough to copy. Error texts from a gateway may repeat the address: the
 * recipient and any NIK-shaped number in them are masked too.
 */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'email') {
    const at = recipient.lastIndexOf('@');
    if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  }
  const s = recipient.trim();
  if (s.length <= 6) return '*'.repeat(s.length);
  const tail = s.length >= 10 ? 3 : 2;
  return `${s.slice(0, 4)}****${s.slice(-tail)}`;
}

export function maskError(error: string, channel: string, recipient: string): string {
  const masked = recipient ? error.split(recipient).join(maskRecipient(channel, recipient)) : error;
  return masked.replace(/\d{16}/g, (nik) => `${nik.slice(0, 6)}**********`);
}
