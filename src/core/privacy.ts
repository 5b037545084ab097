/** 138****1234: phone numbers are masked for everyone but the member and their own secretaries. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}
