/**
 * Passwords that attackers try first: the most common ones worldwide and in Indonesia,
 * at least 10 characters long (shorter ones are refused by length already). Lower case.
 */
const LIST = `
1234567890 0123456789 1234567891 12345678910 123456789a a123456789 1q2w3e4r5t
1qaz2wsx3edc qwertyuiop qwerty1234 qwerty12345 password12 password123 password1234
passw0rd12 p@ssw0rd123 administrator admin12345 admin123456 adminadmin iloveyou12
iloveyou123 sayangku123 sayangkamu indonesia1 indonesia123 indonesia45 merdeka1945
bismillah1 bismillah123 alhamdulillah assalamualaikum jakarta123 lampung123
bandarlampung desa123456 desa12345678 kepaladesa operator123 operatordesa sekdes12345
balai12345 balaidesa balai-demo123 welcome123 welcome1234 letmein123 football12
princess12 sunshine12 superman123 dragon1234 monkey1234 1111111111 0000000000
1234554321 9876543210 11223344556 1122334455 12341234 abcd123456 abc1234567
aaaaaaaaaa qwertyuiop1 asdfghjkl1 zxcvbnm123 password01 rahasia123 rahasiaku
katasandi katasandi123 gantipassword changeme123 default123 user123456 test123456
`;
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
