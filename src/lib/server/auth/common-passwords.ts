/**
 * Passwords of 10+ characters that top public breach-frequency lists. Together with the pattern
 * checks in password.ts this refuses the choices an attacker tries first. Lower-case; compared
 * case-insensitively.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `1234567890 0987654321 12345678910 123456789a 1234567890a 123123123123 1111111111 0000000000
  1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc q1w2e3r4t5 q1w2e3r4t5y6 zaq12wsxcde3 qazwsxedcrfv 1qazxsw23edc
  qwertyuiop qwertyuiop123 asdfghjkl1 asdfghjkl; zxcvbnm123 qwerty1234 qwerty12345 qwerty123456
  qwertyqwerty asdfasdfasdf password10 password11 password12 password123 password1234 password12345
  password123! password2020 password2021 password2022 password2023 password2024 password2025 password2026
  passw0rd123 p@ssw0rd123 p@ssword123 passwordpassword letmein123 letmein1234 welcome123 welcome1234
  welcome2024 welcome2025 welcome2026 iloveyou12 iloveyou123 iloveyou1234 princess123 sunshine123
  football123 baseball123 basketball superman123 batman1234 starwars123 pokemon123 minecraft123
  dragon1234 monkey12345 shadow1234 master1234 michael123 jennifer123 jessica123 charlie123
  computer123 internet123 changeme123 changeme1234 administrator admin12345 admin123456 adminadmin
  administrator1 rootroot123 secret1234 trustno1234 whatever123 freedom123 abcdefghij abcdefghijk
  abcd123456 abc1234567 abcdef123456 a1b2c3d4e5 aa12345678 1234qwerty 12345qwert 123qweasdzxc
  football1 liverpool123 chelsea123 arsenal123 manchester soccer1234 hockey1234 summer2024 summer2025
  winter2024 winter2025 spring2025 autumn2025 december2025 january2026 company123 companyname
  customer123 service123 training123 rapport123 rapportrapport`
    .split(/\s+/)
    .filter(Boolean),
);
