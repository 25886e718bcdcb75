// Fake, format-valid secrets for fixtures, assembled at run time so this
// repository's own files never hold a string that looks like a leak.
const join = (...parts: string[]): string => parts.join('');

export const fake = {
  awsKeyId: join('AK', 'IA', 'UJZDEGXDNCF32EPF'),
  awsSecret: join('2hpChYgCfrL1spNxnyVm', 'ihA+2O76UMFxFkM+R5Kj'),
  githubToken: join('gh', 'p_', 'hGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rES'),
  otherGithubToken: join('gh', 'o_', 'QedUStPKR0CsTy4Qwb8DwkNhFdnXsiVpzz63'),
  password: join('Tr0ub4', 'dor&3x'),
  dbPassword: join('Zx9wQ4', 'mLp2'),
  email: join('joana.silva', '@', 'provedor.com.br'),
  cpfValid: join('398.259', '.791-94'),
  cpfValidBare: join('398259', '79194'),
  cpfOther: join('907.483', '.378-06'),
  cpfOtherBare: join('129040', '47980'),
  cpfInvalid: join('398.259', '.791-95'),
  cpfRepeated: join('111.111', '.111-11'),
  privateKey: [
    join('-----BEGIN RSA ', 'PRIVATE KEY-----'),
    'n0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4/YYsakj8DuzdoRy7q3sRjKMPMEiOe',
    'nnEgIQD43wE1xjf1+yrfKkpQ9jKK4K2gNC7w97Ay9/fkYkwFXGoq7yVDEFRN0ZqW',
    join('-----END RSA ', 'PRIVATE KEY-----'),
  ].join('\n'),
};

/** Every raw value above that must never appear in redacted output (the invalid CPFs are not findings). */
export const rawValues = [fake.awsKeyId, fake.awsSecret, fake.githubToken, fake.otherGithubToken, fake.password, fake.dbPassword, fake.email, fake.cpfValid,
  'n0G9W8uw8de9puyHB9d3xvE'];
