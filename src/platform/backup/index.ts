export { writeBackup, type BackupSummary, type Progress } from './dump.js';
export { restoreBackup, readBackupHeader, type RestoreSummary } from './restore.js';
export { verifyBackup, BackupError, BACKUP_EXTENSION, type BackupHeader } from './format.js';
export {
  startBackupSchedule, backupSettings, backupFileName, listBackups, pruneBackups, requestFile, statusFile,
  type BackupSettings, type BackupStatus,
} from './schedule.js';
export { backupCommand, restoreCommand, verifyBackupCommand, mergeVillageCommand, BACKUP_HELP } from './commands.js';
export { planMerge, mergeVillage, type MergePlan, type MergeSummary } from './merge.js';
