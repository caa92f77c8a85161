/**
 * English, the frame: sign-in, account, home page, to-dos, menus, common words.
 * Typed against the Chinese keys so none can be missing.
 */
import type { zhCore } from '../zh/core'

export const enCore: Record<keyof typeof zhCore, string> = {
  'app.name': 'Government Data Sharing Platform',
  'account.changePassword': 'Change password',
  'account.signOut': 'Sign out',
  'page.notFound': 'No such page',
  'form.required': 'Required',

  'common.actions': 'Actions',
  'common.all': 'All',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.remove': 'Remove',
  'common.saved': 'Saved',

  'error.http': 'The server answered with an unexpected error (HTTP {status}); please try again later',
  'error.network': 'Cannot reach the server; check the network and try again',
  'error.field': ' (field: {field})',
  'error.unexpected': 'Something unexpected went wrong; reload the page and try again',

  'menu.home': 'Home',
  'menu.sharedCatalog': 'Sharing catalog',
  'menu.myCatalog': 'My catalog',
  'menu.requests': 'Requests',
  'menu.data': 'Data',
  'menu.bureau': 'Bureau',
  'menu.review': 'Catalog review',
  'menu.disputes': 'Arbitration',
  'menu.deadlines': 'Deadlines',
  'menu.org': 'Departments & users',
  'menu.calendar': 'Calendar',
  'menu.stats': 'Statistics',
  'menu.audit': 'Audit log',

  'login.subtitle': 'Sign in with the account your department gave you',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.submit': 'Sign in',
  'login.totp': 'One-time code',
  'login.totpHint': 'This account uses a second factor: enter the 6-digit code your authenticator app shows',
  'login.totpRequired': 'Enter the 6-digit code',
  'mfa.title': 'Set up your one-time code (second factor)',
  'mfa.hint':
    'Administrator and bureau accounts sign in with two factors (MLPS 2.0 level 3). Scan the QR code with an authenticator app, then enter the 6-digit code it shows.',
  'mfa.secret': 'Cannot scan? Enter this key by hand',
  'mfa.start': 'Show the QR code',
  'mfa.confirm': 'Confirm',
  'mfa.recoveryTitle': 'Recovery codes (shown this once)',
  'mfa.recoveryHint':
    'Keep these codes safe: if you lose your phone, each one signs you in once instead of a code.',
  'mfa.done': 'I have saved them: go on',
  'login.expired': 'Your session has ended; please sign in again',
  'login.lockedHint':
    'After repeated wrong passwords the account is locked for at least 15 minutes; your department admin can help sooner.',

  'password.firstTitle': 'Choose a new password',
  'password.firstHint': 'Someone else set your first password: choose one only you know before going on.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Repeat the new password',
  'password.rule':
    '{min} to {max} characters, 3 of: upper case, lower case, digit, symbol; not a common password, not containing your username, none of your last 5',
  'password.mismatch': 'The two new passwords differ',
  'password.submit': 'Change password',
  'password.changed': 'Password changed',

  'home.todo': 'My to-do list',
  'home.nothingToDo': 'Nothing to do',
  'home.notifications': 'Recent notifications',
  'home.noNotifications': 'No notifications',
  'home.markRead': 'Mark read',
  'todo.answer': 'Request to answer',
  'todo.refused': 'Request refused',
  'todo.review': 'Catalog to review',
  'todo.dispute': 'Dispute to arbitrate',
  'todo.returned': 'Returned resource',
  'todo.draft': 'Draft to submit',
  'todo.objection': 'Objection to verify',
  'todo.deadline': 'Catalog deadline',

  'due.left': '{days} working days left',
  'due.today': 'Due today',
  'due.overdue': '{days} days overdue',
  'due.date': 'Due',
  'due.provisional': "provisional: that year's official holidays are not published yet",

  'menu.providerData': 'My data',
  'menu.objections': 'Objections',
  'menu.evaluation': 'Evaluation',
  'menu.synonyms': 'Search dictionary',
  'period.from': 'From',
  'period.to': 'to',
}
