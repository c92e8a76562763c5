import { registerArea } from '../../index';
import en from './en.json';
import ru from './ru.json';
import vi from './vi.json';
import zh from './zh.json';

// Strings of the admin data screens: intake surveys, CSV lead import, audit log.
registerArea('adminData', { en, ru, zh, vi });
